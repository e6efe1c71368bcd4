package io.tastemaker.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console's static files: bundled in the jar under {@code io/tastemaker/server/console/}, or read
 * from a folder on disk when {@code TASTEMAKER_CONSOLE_DIR} names one (for working on the console
 * without rebuilding). Nothing is loaded from anywhere else; the Content-Security-Policy says so to
 * the browser too.
 */
final class ConsoleAssets {
  private static final String RESOURCE_BASE = "/io/tastemaker/server/console/";
  /** Plain relative paths only: no "..", no hidden files, no odd characters. */
  private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "json", "application/json",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon");
  private static final String POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private record Asset(byte[] bytes, String type, String etag) {}

  private final Optional<Path> folder;
  private final Map<String, Asset> bundled = new ConcurrentHashMap<>();

  /** @param folder a folder to serve instead of the bundled files */
  ConsoleAssets(Optional<Path> folder) {
    this.folder = folder;
  }

  /** Serves {@code relative} (a path below /console/, "" for the index) and returns true, or returns false when there is no such file. */
  boolean serve(String relative, Request request, Response response, Callback callback) {
    String path = relative.isEmpty() ? "index.html" : relative;
    int dot = path.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
    if (type == null || !SAFE_PATH.matcher(path).matches()) {
      return false;
    }
    Optional<Asset> asset = folder.isPresent() ? fromFolder(folder.get().resolve(path), type) : bundled(path, type);
    if (asset.isEmpty()) {
      return false;
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put("Content-Security-Policy", POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.getHeaders().put(HttpHeader.ETAG, asset.get().etag());
    if (asset.get().etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
      response.setStatus(304);
      callback.succeeded();
      return true;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    boolean head = request.getMethod().equals("HEAD");
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(asset.get().bytes()), callback);
    return true;
  }

  private Optional<Asset> bundled(String path, String type) {
    Asset cached = bundled.get(path);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(RESOURCE_BASE + path)) {
      if (in == null) {
        return Optional.empty();
      }
      Asset asset = asset(in.readAllBytes(), type);
      bundled.put(path, asset);
      return Optional.of(asset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled console file " + path, e);
    }
  }

  private static Optional<Asset> fromFolder(Path file, String type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(asset(Files.readAllBytes(file), type));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console file " + file, e);
    }
  }

  private static Asset asset(byte[] bytes, String type) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
