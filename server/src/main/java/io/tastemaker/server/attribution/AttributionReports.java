package io.tastemaker.server.attribution;

import io.tastemaker.core.data.csv.CsvWriter;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.objects.OutputLocation;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a metric attribution's metrics to its {@code metricsOutputConfig} destination: after an
 * import with {@code publishAttributionMetricsToS3}, a CSV of that import's metrics at
 * {@code <path>/<attribution name>/<import job name>.csv} (header
 * {@code METRIC_NAME,EVENT_TYPE,EVENT_ATTRIBUTION_SOURCE,TIMESTAMP,VALUE}, one line per metric,
 * source and hour), written whole or not at all.
 */
public final class AttributionReports {
  static final List<String> HEADER = List.of("METRIC_NAME", "EVENT_TYPE", "EVENT_ATTRIBUTION_SOURCE", "TIMESTAMP", "VALUE");
  private static final Logger LOG = LoggerFactory.getLogger(AttributionReports.class);

  private final ApiContext ctx;
  private final AttributionMetrics metrics;

  public AttributionReports(ApiContext ctx) {
    this.ctx = ctx;
    this.metrics = new AttributionMetrics(ctx);
  }

  /** The group's ACTIVE metric attribution, if it has one. */
  public Optional<Resource> attributionOf(String datasetGroupArn) {
    return ctx.db().read(tx -> ctx.resources().inGroup(tx, ResourceKind.METRIC_ATTRIBUTION, datasetGroupArn)).stream()
        .filter(a -> a.hasStatus(Status.ACTIVE)).findFirst();
  }

  /** Publishes an import's metrics when it asked to and its group has a metric attribution with an S3 destination. */
  public void afterImport(Resource importJob) {
    if (!importJob.attributes().path("publishAttributionMetricsToS3").asBoolean(false) || importJob.datasetGroupArn().isEmpty()) {
      return;
    }
    Optional<Resource> attribution = attributionOf(importJob.datasetGroupArn().get());
    if (attribution.isEmpty()) {
      return;
    }
    String path = attribution.get().attributes().path("metricsOutputConfig").path("s3DataDestination").path("path").asText("");
    if (path.isEmpty()) {
      LOG.warn("import {} asked to publish attribution metrics, but {} has no metricsOutputConfig.s3DataDestination", importJob.arn(), attribution.get().arn());
      return;
    }
    String folder = (path.endsWith("/") ? path : path + "/") + attribution.get().name() + "/";
    try {
      OutputLocation output = ctx.locations().output(folder);
      try (OutputLocation.Pending file = output.create(importJob.name() + ".csv")) {
        CsvWriter csv = new CsvWriter(file.stream());
        csv.row(HEADER);
        for (AttributionMetrics.Value v : metrics.ofImport(attribution.get(), importJob)) {
          csv.row(List.of(v.metricName(), v.eventType(), v.source(), Long.toString(v.windowStart()), Double.toString(v.value())));
        }
        csv.flush();
        file.commit();
      }
      LOG.info("published the attribution metrics of import {} to {}{}.csv", importJob.arn(), folder, importJob.name());
    } catch (LocationException | IOException | RuntimeException e) {
      LOG.warn("could not publish the attribution metrics of import {} to {}: {}", importJob.arn(), folder, e.getMessage());
    }
  }
}
