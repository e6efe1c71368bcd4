package io.tastemaker.bench.reliability;

import io.tastemaker.server.wire.OperationSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The mutations of a request's framing rather than its members: a body that is not quite JSON, the
 * wrong Content-Type, a target or path that names no operation. Each says whether a correct server
 * must refuse it.
 */
final class WireFaults {
  private static final List<String> CONTENT_TYPES = List.of(
      "", "text/plain", "application/json", "application/x-amz-json-1.0", "application/xml", "multipart/form-data; boundary=x",
      "application/x-amz-json-1.1; charset=utf-16", "application/json; charset=iso-8859-1", "*/*", "application/x-www-form-urlencoded");

  private WireFaults() {}

  /** The body spoiled as text or bytes: cut short, trailing text, single quotes, NaN, bad UTF-8, UTF-16, ... */
  static HttpCall malformed(HttpCall call, byte[] valid, SplittableRandom random) {
    String text = new String(valid, StandardCharsets.UTF_8);
    Mutation m = Mutation.MALFORMED_JSON;
    return switch (random.nextInt(12)) {
      case 0 -> {
        int cut = 1 + random.nextInt(Math.max(1, text.length() - 1));
        yield call.withBody(text.substring(0, cut).getBytes(StandardCharsets.UTF_8), m, "cut after " + cut + " characters", true);
      }
      case 1 -> call.withBody((text + "}}garbage").getBytes(StandardCharsets.UTF_8), m, "trailing text", true);
      case 2 -> call.withBody(text.replace('"', '\'').getBytes(StandardCharsets.UTF_8), m, "single quotes", !text.equals("{}"));
      case 3 -> call.withBody(("{\"numResults\": NaN, " + text.substring(1)).getBytes(StandardCharsets.UTF_8), m, "a NaN literal", true);
      // JSON leaves duplicate names to the parser (RFC 8259 4): last one wins is allowed.
      case 4 -> call.withBody((text.length() > 2 ? text.substring(0, text.length() - 1) + ", " + text.substring(1) : "{\"a\":1,\"a\":2}").getBytes(StandardCharsets.UTF_8),
          m, "every member twice", false);
      case 5 -> call.withBody(insert(valid, Math.max(1, text.indexOf(":\"") + 2), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}), m, "bytes that are not UTF-8", true);
      // A parser may ignore a byte order mark (RFC 8259 8.1).
      case 6 -> call.withBody(insert(valid, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), m, "a UTF-8 byte order mark", false);
      case 7 -> call.withBody(("/* comment */ " + text).getBytes(StandardCharsets.UTF_8), m, "a comment", true);
      case 8 -> {
        String top = pick(List.of("[]", "\"text\"", "42", "null", "true", "[" + text + "]"), random);
        yield call.withBody(top.getBytes(StandardCharsets.UTF_8), m, "top level " + (top.length() > 20 ? "array of the request" : top), true);
      }
      case 9 -> call.withBody("{".getBytes(StandardCharsets.UTF_8), m, "a lone brace", true);
      case 10 -> call.withBody(text.getBytes(StandardCharsets.UTF_16), m, "UTF-16", true);
      default -> call.withBody((text + "\u0000").getBytes(StandardCharsets.UTF_8), m, "a trailing NUL", true);
    };
  }

  /** Another Content-Type, or none; servers commonly read the body whatever it says, so no refusal is required. */
  static HttpCall contentType(HttpCall call, SplittableRandom random) {
    String type = pick(CONTENT_TYPES, random);
    return call.withHeaders(call.headersWith("Content-Type", type.isEmpty() ? null : type), Mutation.WRONG_CONTENT_TYPE,
        "Content-Type: " + (type.isEmpty() ? "(none)" : type), false);
  }

  /** A target header or path that names no operation (or two), or another method. */
  static HttpCall unknownTarget(HttpCall call, OperationSpec op, SplittableRandom random) {
    Mutation m = Mutation.UNKNOWN_TARGET;
    if (op.service().equals("control")) {
      if (random.nextInt(5) == 0) {
        List<HttpCall.Header> twice = new ArrayList<>(call.headers());
        twice.add(new HttpCall.Header("X-Amz-Target", "AmazonPersonalize.DeleteDatasetGroup"));
        return call.withHeaders(twice, m, "a second X-Amz-Target: AmazonPersonalize.DeleteDatasetGroup", true);
      }
      String target = pick(List.of("", "AmazonPersonalize.Nope", "AmazonPersonalize.", "AmazonPersonalize.CreateRecommender", "AmazonPersonalize." + op.name().toLowerCase(Locale.ROOT),
          "AmazonS3.ListBuckets", "AmazonPersonalize." + op.name() + "X", "AmazonPersonalize.Create" + "A".repeat(5000), "AmazonPersonalize.GetRecommendations"), random);
      String shown = target.length() > 60 ? target.substring(0, 60) + "..." : target;
      return call.withHeaders(call.headersWith("X-Amz-Target", target.isEmpty() ? null : target), m, "X-Amz-Target: " + (target.isEmpty() ? "(none)" : shown), true);
    }
    if (random.nextBoolean()) {
      String method = pick(List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS"), random);
      return call.withTarget(method, call.path(), m, method + " " + call.path(), true);
    }
    String path = pick(List.of(call.path() + "/", call.path() + "/x", call.path().toUpperCase(Locale.ROOT), "/recommendation", "/events/../recommendations",
        "/%72ecommendations", call.path() + ";x", "/x" + "y".repeat(4000)), random);
    // %72 is an escaped 'r': the same path, which a server may well serve.
    return call.withTarget("POST", path, m, "POST " + (path.length() > 60 ? path.substring(0, 60) + "..." : path), !path.startsWith("/%72"));
  }

  private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
    byte[] out = new byte[bytes.length + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
    return out;
  }

  private static <T> T pick(List<T> list, SplittableRandom random) {
    return list.get(random.nextInt(list.size()));
  }
}
