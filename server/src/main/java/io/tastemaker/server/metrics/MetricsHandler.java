package io.tastemaker.server.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /metrics}: the server's metrics in Prometheus' text format, for a scraper. */
public final class MetricsHandler extends Handler.Abstract {
  private final ServerMetrics metrics;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public MetricsHandler(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      response.setStatus(405);
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      callback.succeeded();
      return true;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    writer.write(body, metrics.registry().scrape());
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, writer.getContentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(request.getMethod().equals("HEAD") ? new byte[0] : body.toByteArray()), callback);
    return true;
  }
}
