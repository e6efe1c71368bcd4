package io.tastemaker.bench.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults below the APIs, sent over raw sockets: requests too big for a header or a request line, two
 * framings at once, an HTTP/2 preface, broken chunking, odd paths and methods, and signatures that
 * are missing, wrong, stale or doubled. Most end before any handler runs.
 */
final class RawProbes {
  /** One probe: its name, the bytes sent, and whether the sending side is shut after them. */
  record Probe(String name, byte[] bytes, boolean halfClose) {}

  private static final String RUNTIME_BODY = "{\"campaignArn\":\"%s\",\"userId\":\"u1\",\"numResults\":5}";

  private RawProbes() {}

  /** Every probe, against a server at {@code authority} that knows {@code key}; {@code campaign} answers valid requests. */
  static List<Probe> all(String authority, AccessKey key, String campaign) {
    SigV4Signer signer = new SigV4Signer(key, authority, Clock.systemUTC());
    byte[] body = String.format(RUNTIME_BODY, campaign).getBytes(StandardCharsets.UTF_8);
    List<HttpCall.Header> json = List.of(new HttpCall.Header("Content-Type", "application/json"));
    List<Probe> probes = new ArrayList<>();
    probes.add(signed(signer, "a valid GetRecommendations (control probe)", "POST", "/recommendations", json, body));
    probes.add(signed(signer, "//recommendations", "POST", "//recommendations", json, body));
    probes.add(signed(signer, "/./recommendations", "POST", "/./recommendations", json, body));
    probes.add(signed(signer, "/recommendations/ with a trailing slash", "POST", "/recommendations/", json, body));
    probes.add(signed(signer, "/recommendations%00", "POST", "/recommendations%00", json, body));
    probes.add(signed(signer, "/%2e%2e/recommendations", "POST", "/%2e%2e/recommendations", json, body));
    probes.add(signed(signer, "GET /events", "GET", "/events", json, new byte[0]));
    probes.add(signed(signer, "HEAD /recommendations", "HEAD", "/recommendations", json, new byte[0]));
    probes.add(signed(signer, "OPTIONS /", "OPTIONS", "/", json, new byte[0]));
    probes.add(signed(signer, "DELETE /", "DELETE", "/", json, new byte[0]));
    probes.add(signed(signer, "a header of 100 KB", "POST", "/recommendations", with(json, "X-Padding", "a".repeat(100_000)), body));
    probes.add(signed(signer, "2,000 headers", "POST", "/recommendations", many(json, 2_000), body));
    probes.add(signed(signer, "Expect: 100-continue", "POST", "/recommendations", with(json, "Expect", "100-continue"), body));
    probes.add(signed(signer, "Upgrade: h2c", "POST", "/recommendations", with(with(json, "Connection", "Upgrade, HTTP2-Settings"), "Upgrade", "h2c"), body));
    probes.add(unsigned("a request line of 100 KB", "POST /recommendations?" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: 0\r\n\r\n"));
    probes.add(unsigned("a path of 100 KB", "POST /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: 0\r\n\r\n"));
    probes.add(unsigned("Content-Length and Transfer-Encoding", "POST /recommendations HTTP/1.1\r\nHost: " + authority
        + "\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nPOST /x HTTP/1.1\r\nHost: x\r\n\r\n"));
    probes.add(unsigned("two different Content-Lengths", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x"));
    probes.add(unsigned("a negative Content-Length", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: -1\r\n\r\n"));
    probes.add(unsigned("a Content-Length of 2^63", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: 9223372036854775808\r\n\r\n{}"));
    probes.add(unsigned("a Content-Length that is not a number", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: ten\r\n\r\n"));
    probes.add(new Probe("a body shorter than its Content-Length", ("POST /recommendations HTTP/1.1\r\nHost: " + authority
        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":").getBytes(StandardCharsets.ISO_8859_1), true));
    probes.add(new Probe("a Content-Length of 100 MB, little sent", ("POST /recommendations HTTP/1.1\r\nHost: " + authority
        + "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1), true));
    probes.add(unsigned("a chunk size that is not hex", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));
    probes.add(unsigned("a chunk size of 2^64", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"));
    probes.add(unsigned("Transfer-Encoding: gzip, chunked", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
    probes.add(new Probe("an HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), true));
    probes.add(new Probe("binary garbage", new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, (byte) 0xff, 0x00, 0x0a}, true));
    probes.add(new Probe("HTTP/0.9", "GET /\r\n".getBytes(StandardCharsets.ISO_8859_1), true));
    probes.add(unsigned("HTTP/1.0 without Host", "POST /recommendations HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("HTTP/1.1 without Host", "POST /recommendations HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("HTTP/3.0", "POST /recommendations HTTP/3.0\r\nHost: " + authority + "\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("a lower-case method", "post /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("an unknown method", "BREW /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("CONNECT", "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n"));
    probes.add(unsigned("TRACE", "TRACE / HTTP/1.1\r\nHost: " + authority + "\r\n\r\n"));
    probes.add(unsigned("an absolute URI", "POST http://" + authority + "/recommendations HTTP/1.1\r\nHost: " + authority + "\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("a header without a colon", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nNoColonHere\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("a NUL in a header", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nX-A: a\u0000b\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("a folded header", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nX-A: a\r\n b\r\nContent-Length: 2\r\n\r\n{}"));
    probes.add(unsigned("bare LF line ends", "POST /recommendations HTTP/1.1\nHost: " + authority + "\nContent-Length: 2\n\n{}"));
    probes.add(unsigned("no signature", "POST /recommendations HTTP/1.1\r\nHost: " + authority + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"
        + new String(body, StandardCharsets.ISO_8859_1)));
    probes.add(tampered(signer, "a signature of another body", body, "{\"campaignArn\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    probes.add(signedBy(new SigV4Signer(new AccessKey("AKUNKNOWN0000000", "not-the-secret"), authority, Clock.systemUTC()), "an unknown access key", json, body));
    probes.add(signedBy(new SigV4Signer(key, authority, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))), "a signature an hour old", json, body));
    probes.add(signedBy(new SigV4Signer(key, authority, Clock.offset(Clock.systemUTC(), Duration.ofDays(365 * 300))), "a signature from the year 2300", json, body));
    probes.add(doubled(signer, authority, json, body));
    return probes;
  }

  private static Probe signed(SigV4Signer signer, String name, String method, String path, List<HttpCall.Header> headers, byte[] body) {
    HttpCall call = new HttpCall("raw", "probe", "RAW", name, method, path, headers, body, false);
    return new Probe(name, RawHttp.encode(method, path, signer.sign(call), body), false);
  }

  private static Probe signedBy(SigV4Signer signer, String name, List<HttpCall.Header> headers, byte[] body) {
    return signed(signer, name, "POST", "/recommendations", headers, body);
  }

  private static Probe unsigned(String name, String request) {
    return new Probe(name, request.getBytes(StandardCharsets.ISO_8859_1), true);
  }

  /** Signed for one body, sent with another. */
  private static Probe tampered(SigV4Signer signer, String name, byte[] signedBody, byte[] sentBody) {
    List<HttpCall.Header> json = List.of(new HttpCall.Header("Content-Type", "application/json"));
    HttpCall call = new HttpCall("raw", "probe", "RAW", name, "POST", "/recommendations", json, signedBody, true);
    return new Probe(name, RawHttp.encode("POST", "/recommendations", signer.sign(call), sentBody), false);
  }

  private static Probe doubled(SigV4Signer signer, String authority, List<HttpCall.Header> json, byte[] body) {
    HttpCall call = new HttpCall("raw", "probe", "RAW", "", "POST", "/recommendations", json, body, true);
    List<HttpCall.Header> headers = new ArrayList<>(signer.sign(call));
    headers.stream().filter(h -> h.name().equalsIgnoreCase("Authorization")).findFirst().ifPresent(headers::add);
    return new Probe("two Authorization headers", RawHttp.encode("POST", "/recommendations", headers, body), false);
  }

  private static List<HttpCall.Header> with(List<HttpCall.Header> headers, String name, String value) {
    List<HttpCall.Header> out = new ArrayList<>(headers);
    out.add(new HttpCall.Header(name, value));
    return out;
  }

  private static List<HttpCall.Header> many(List<HttpCall.Header> headers, int n) {
    List<HttpCall.Header> out = new ArrayList<>(headers);
    for (int i = 0; i < n; i++) {
      out.add(new HttpCall.Header("X-Many-" + i, "v"));
    }
    return out;
  }
}
