package io.tastemaker.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.objects.DiskSpace;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health}: 200 while the server serves, with whether it can also take writes.
 *
 * <p>{@code {"status":"ok","ready":true,"writable":true,"freeBytes":N}}; when the data directory's
 * disk is full, {@code "status":"read-only"}, {@code "writable":false} and a {@code message} in
 * words. The status stays 200 then, because reads (recommendations, Describe and List) still work:
 * a load balancer should not take away a replica that answers them; a check that needs writes reads
 * {@code writable}.
 */
public final class HealthHandler extends Handler.Abstract {
  private final DiskSpace disk;

  public HealthHandler(DiskSpace disk) {
    this.disk = disk;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    ObjectNode body = Json.object();
    Optional<String> unwritable = disk.unwritableReason();
    body.put("status", unwritable.isEmpty() ? "ok" : "read-only");
    body.put("ready", true);
    body.put("writable", unwritable.isEmpty());
    disk.freeBytes().ifPresent(bytes -> body.put("freeBytes", bytes));
    unwritable.ifPresent(message -> body.put("message", message));
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
    return true;
  }
}
