package io.tastemaker.bench.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, one connection per request, so that a run can send what no HTTP
 * client would (two lengths, a 100 KB header, an HTTP/2 preface) and see exactly what comes back.
 */
final class RawHttp {
  private static final int MAX_ANSWER = 8 << 20;

  private final String host;
  private final int port;
  private final Duration timeout;

  RawHttp(String host, int port, Duration timeout) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
  }

  String authority() {
    return host + ":" + port;
  }

  /** The request line, the headers as given, a Content-Length and {@code Connection: close}, then the body. */
  static byte[] encode(String method, String path, List<HttpCall.Header> headers, byte[] body) {
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    for (HttpCall.Header h : headers) {
      head.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(start, start.length + body.length);
    System.arraycopy(body, 0, all, start.length, body.length);
    return all;
  }

  /**
   * Sends the bytes and reads one answer (after any 100 Continue).
   *
   * @param halfClose whether to shut the sending side after the bytes, so the server sees the end of
   *     an incomplete request instead of waiting for more
   */
  Answer exchange(byte[] request, boolean halfClose) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (halfClose) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // The server may refuse early (a too-large header) and close while we still write; read its answer.
      }
      return read(socket.getInputStream());
    } catch (SocketTimeoutException e) {
      return Answer.none("no answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      return Answer.none("connection failed: " + e.getMessage());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException e) {
        n = -1; // a reset after a complete answer still leaves that answer to parse
        if (received.size() == 0) {
          return Answer.none("connection reset without an answer: " + e.getMessage());
        }
      }
      if (n < 0) {
        return parse(received.toByteArray(), true).orElseGet(() -> received.size() == 0
            ? Answer.none("connection closed without an answer")
            : Answer.none("connection closed in the middle of an answer: " + new String(received.toByteArray(), 0, Math.min(200, received.size()), StandardCharsets.ISO_8859_1)));
      }
      received.write(buffer, 0, n);
      if (received.size() > MAX_ANSWER) {
        return Answer.none("answer longer than " + MAX_ANSWER + " bytes");
      }
      Optional<Answer> answer = parse(received.toByteArray(), false);
      if (answer.isPresent()) {
        return answer.get();
      }
    }
  }

  /** The first final answer in {@code bytes} if it is complete (or {@code ended}, when the body runs to the end). */
  static Optional<Answer> parse(byte[] bytes, boolean ended) {
    int start = 0;
    while (true) {
      int headEnd = indexOf(bytes, start, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (headEnd < 0) {
        return Optional.empty();
      }
      String[] lines = new String(bytes, start, headEnd - start, StandardCharsets.ISO_8859_1).split("\r\n");
      String[] statusLine = lines[0].split(" ", 3);
      int status;
      try {
        status = Integer.parseInt(statusLine.length > 1 ? statusLine[1] : "");
      } catch (NumberFormatException e) {
        return ended ? Optional.of(Answer.none("not an HTTP answer: " + lines[0])) : Optional.empty();
      }
      Map<String, List<String>> headers = new TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
      }
      int bodyStart = headEnd + 4;
      if (status >= 100 && status < 200) {
        start = bodyStart; // an interim answer; the final one follows
        continue;
      }
      Optional<byte[]> body = body(bytes, bodyStart, headers, status, ended);
      return body.map(b -> new Answer(status, headers, b, ""));
    }
  }

  private static Optional<byte[]> body(byte[] bytes, int from, Map<String, List<String>> headers, int status, boolean ended) {
    if (status == 204 || status == 304) {
      return Optional.of(new byte[0]);
    }
    List<String> length = headers.get("content-length");
    if (length != null) {
      int n = Integer.parseInt(length.get(0));
      return bytes.length - from >= n ? Optional.of(Arrays.copyOfRange(bytes, from, from + n)) : ended ? Optional.of(Arrays.copyOfRange(bytes, from, bytes.length)) : Optional.empty();
    }
    if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
      return dechunk(bytes, from).or(() -> ended ? Optional.of(Arrays.copyOfRange(bytes, from, bytes.length)) : Optional.empty());
    }
    return ended ? Optional.of(Arrays.copyOfRange(bytes, from, bytes.length)) : Optional.empty();
  }

  private static Optional<byte[]> dechunk(byte[] bytes, int from) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = from;
    while (true) {
      int lineEnd = indexOf(bytes, at, new byte[] {'\r', '\n'});
      if (lineEnd < 0) {
        return Optional.empty();
      }
      String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = Integer.parseInt(sizeText, 16);
      at = lineEnd + 2;
      if (size == 0) {
        return Optional.of(body.toByteArray());
      }
      if (bytes.length < at + size + 2) {
        return Optional.empty();
      }
      body.write(bytes, at, size);
      at += size + 2;
    }
  }

  private static int indexOf(byte[] bytes, int from, byte[] needle) {
    outer:
    for (int i = from; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
