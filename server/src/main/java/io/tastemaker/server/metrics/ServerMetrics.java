package io.tastemaker.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tastemaker.server.http.RequestMetrics;
import io.tastemaker.server.resources.ResourceKind;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics: API requests by operation and HTTP status with their latency,
 * resources by kind and status, the campaigns whose models are loaded, and the JVM's own.
 */
public final class ServerMetrics implements RequestMetrics {
  /** Latency buckets from a cached answer (well under a millisecond) to a slow control-plane call. */
  private static final double[] LATENCY_BUCKETS = {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram latency;

  /**
   * @param resourceCounts resources by kind and status, read at each scrape
   * @param campaignsServed the number of campaigns with a loaded model
   */
  public ServerMetrics(Supplier<Map<ResourceKind, Map<String, Long>>> resourceCounts, IntSupplier campaignsServed) {
    requests = Counter.builder()
        .name("tastemaker_requests")
        .help("API requests answered, by operation and HTTP status")
        .labelNames("operation", "status")
        .register(registry);
    latency = Histogram.builder()
        .name("tastemaker_request_duration_seconds")
        .help("Time from a request's arrival to its answer, by operation")
        .labelNames("operation")
        .classicOnly()
        .classicUpperBounds(LATENCY_BUCKETS)
        .register(registry);
    GaugeWithCallback.builder()
        .name("tastemaker_resources")
        .help("Resources by kind and status (schemas have no status)")
        .labelNames("kind", "status")
        .callback(callback -> resourceCounts.get().forEach((kind, byStatus) ->
            byStatus.forEach((status, count) -> callback.call(count, kind.name().toLowerCase(java.util.Locale.ROOT), status))))
        .register(registry);
    GaugeWithCallback.builder()
        .name("tastemaker_campaigns_served")
        .help("Campaigns whose model is loaded in memory")
        .callback(callback -> callback.call(campaignsServed.getAsInt()))
        .register(registry);
    JvmMetrics.builder().register(registry);
  }

  /**
   * Shows metric attributions' values, read at each scrape, as {@code tastemaker_attribution_metric}:
   * label values (metric_attribution, metric, event_type, event_attribution_source) to the value.
   */
  public void attributionMetrics(Supplier<Map<java.util.List<String>, Double>> values) {
    GaugeWithCallback.builder()
        .name("tastemaker_attribution_metric")
        .help("Metric attributions' metrics over the data since each was created, by event attribution source")
        .labelNames("metric_attribution", "metric", "event_type", "event_attribution_source")
        .callback(callback -> values.get().forEach((labels, value) -> callback.call(value, labels.toArray(new String[0]))))
        .register(registry);
  }

  /** Names this process among the replicas, as {@code tastemaker_replica_info{replica="r-..."} 1}. */
  public void replica(String id) {
    io.prometheus.metrics.core.metrics.Info info =
        io.prometheus.metrics.core.metrics.Info.builder().name("tastemaker_replica_info").help("The id this server process runs jobs under").labelNames("replica").register(registry);
    info.addLabelValues(id);
  }

  @Override
  public void record(String operation, int status, long nanos) {
    requests.labelValues(operation, Integer.toString(status)).inc();
    latency.labelValues(operation).observe(nanos / 1e9);
  }

  /** The registry the metrics endpoint scrapes. */
  PrometheusRegistry registry() {
    return registry;
  }
}
