package io.tastemaker.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.objects.DiskSpace;
import io.tastemaker.server.objects.ObjectStore;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health}: 200 while the server serves, with whether it can also take writes and
 * whether it reaches its object store.
 *
 * <p>{@code {"status":"ok","ready":true,"writable":true,"freeBytes":N,"objectStore":{"location":"objects/","reachable":true}}};
 * when the data directory's disk is full, {@code "status":"read-only"}, {@code "writable":false} and
 * a {@code message} in words. The status stays 200 then, because reads (recommendations, Describe
 * and List) still work: a load balancer should not take away a replica that answers them; a check
 * that needs writes reads {@code writable}. When the object store (an S3 bucket) cannot be reached,
 * the answer is 503 with {@code "status":"unavailable"}, {@code "reachable":false} and the reason:
 * such a replica cannot load a campaign it is asked about, import or train, so a load balancer
 * should send the traffic to one that can.
 */
public final class HealthHandler extends Handler.Abstract {
  private final DiskSpace disk;
  private final ObjectStore objects;

  public HealthHandler(DiskSpace disk, ObjectStore objects) {
    this.disk = disk;
    this.objects = objects;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    ObjectNode body = Json.object();
    Optional<String> unwritable = disk.unwritableReason();
    Optional<String> unreachable = objects.unreachableReason();
    body.put("status", unreachable.isPresent() ? "unavailable" : unwritable.isEmpty() ? "ok" : "read-only");
    body.put("ready", true);
    body.put("writable", unwritable.isEmpty() && unreachable.isEmpty());
    disk.freeBytes().ifPresent(bytes -> body.put("freeBytes", bytes));
    unwritable.or(() -> unreachable.map(reason -> "The object store cannot be reached: " + reason)).ifPresent(message -> body.put("message", message));
    ObjectNode store = body.putObject("objectStore");
    store.put("location", objects.location());
    store.put("reachable", unreachable.isEmpty());
    unreachable.ifPresent(reason -> store.put("message", reason));
    response.setStatus(unreachable.isPresent() ? 503 : 200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
    return true;
  }
}
