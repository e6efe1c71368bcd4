package io.tastemaker.server.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.attribution.MetricExpression;
import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.SegmentCodec;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.events.StreamedEvent;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A metric attribution's metrics, computed from the group's data that came after the attribution was
 * created (Personalize does not report earlier data): rows of imports created since, and events
 * streamed since. Each value is one metric for one event attribution source over one hour of event
 * time, the source being the event's {@code EVENT_ATTRIBUTION_SOURCE} (imported) or
 * {@code metricAttribution.eventAttributionSource} (PutEvents), {@link #NO_SOURCE} when it has none.
 */
public final class AttributionMetrics {
  /** The internal attribute holding the last event seq stored when the attribution was created. */
  public static final String FIRST_SEQ = "_firstSeq";
  /** The internal attribute holding the metrics (ListMetricAttributionMetrics shows them; Describe does not). */
  public static final String METRICS = "_metrics";
  /** The source of events that name none. */
  public static final String NO_SOURCE = "NONE";
  /** The length of the windows values are summed over: an hour of event time. */
  public static final long WINDOW_SECONDS = 3600;

  /** One metric of an attribution: the event type it counts and its function. */
  public record Metric(String eventType, String metricName, MetricExpression expression) {}

  /** A metric's value for one source over the hour starting at {@code windowStart} (epoch seconds). */
  public record Value(String metricName, String eventType, String source, long windowStart, double value) {}

  private final ApiContext ctx;

  public AttributionMetrics(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The attribution's metrics, as stored. */
  public static List<Metric> metricsOf(Resource attribution) {
    List<Metric> metrics = new ArrayList<>();
    for (JsonNode m : attribution.attributes().path(METRICS)) {
      String name = m.path("metricName").asText();
      metrics.add(new Metric(m.path("eventType").asText(), name, MetricExpression.parse(m.path("expression").asText(), name)));
    }
    return metrics;
  }

  /**
   * Every ACTIVE attribution's totals, as /metrics shows them: label values (attribution name,
   * metric, event type, source) to the sum over every hour.
   */
  public Map<List<String>, Double> totals() {
    Map<List<String>, Double> totals = new java.util.LinkedHashMap<>();
    for (Resource attribution : ctx.db().read(tx -> ctx.resources().all(tx, ResourceKind.METRIC_ATTRIBUTION))) {
      if (attribution.hasStatus(io.tastemaker.server.resources.Status.ACTIVE)) {
        for (Value v : all(attribution)) {
          totals.merge(List.of(attribution.name(), v.metricName(), v.eventType(), v.source()), v.value(), Double::sum);
        }
      }
    }
    return totals;
  }

  /** Every value: imports created since the attribution, and events streamed since. */
  public List<Value> all(Resource attribution) {
    Map<String, Optional<Resource>> jobs = new HashMap<>();
    Predicate<String> segmentCounts = key -> DatasetContents.importJobName(key)
        .flatMap(name -> jobs.computeIfAbsent(name, n -> ctx.db().read(tx -> ctx.resources().find(tx, ctx.arns().of(ResourceKind.DATASET_IMPORT_JOB, n)))))
        .map(job -> !job.createdAt().isBefore(attribution.createdAt()))
        .orElse(false);
    long firstSeq = attribution.attributes().path(FIRST_SEQ).asLong(0);
    return compute(attribution, segmentCounts, Optional.of(firstSeq));
  }

  /** The values of one import job's rows, as an import with {@code publishAttributionMetricsToS3} publishes them. */
  public List<Value> ofImport(Resource attribution, Resource importJob) {
    return compute(attribution, key -> DatasetContents.importJobName(key).filter(importJob.name()::equals).isPresent(), Optional.empty());
  }

  private List<Value> compute(Resource attribution, Predicate<String> segmentCounts, Optional<Long> eventsAfter) {
    String group = attribution.datasetGroupArn().orElseThrow();
    List<Metric> metrics = metricsOf(attribution);
    Map<String, Map<String, Double>> itemValues = new HashMap<>();
    for (Metric m : metrics) {
      if (m.expression().dataset().filter("Items"::equals).isPresent()) {
        itemValues.put(m.metricName(), itemColumn(group, m.expression().column().orElseThrow()));
      }
    }
    TreeMap<List<String>, Double> sums = new TreeMap<>((a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = i == 3 ? Long.compare(Long.parseLong(a.get(i)), Long.parseLong(b.get(i))) : a.get(i).compareTo(b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    Optional<Resource> interactions = dataset(group, "INTERACTIONS");
    if (interactions.isPresent()) {
      for (String key : DatasetContents.segmentKeys(interactions.get())) {
        if (segmentCounts.test(key)) {
          Segment segment;
          try {
            segment = ctx.objects().read(key, SegmentCodec::read);
          } catch (DamagedObjectException e) {
            continue;
          }
          addSegment(segment, metrics, itemValues, sums);
        }
      }
    }
    if (eventsAfter.isPresent()) {
      for (StreamedEvent e : ctx.db().read(tx -> EventLog.load(tx, group, Long.MAX_VALUE))) {
        if (e.seq() > eventsAfter.get()) {
          addEvent(e, metrics, itemValues, sums);
        }
      }
    }
    List<Value> values = new ArrayList<>();
    sums.forEach((k, v) -> values.add(new Value(k.get(0), k.get(1), k.get(2), Long.parseLong(k.get(3)), v)));
    return values;
  }

  private static void addSegment(Segment segment, List<Metric> metrics, Map<String, Map<String, Double>> itemValues, Map<List<String>, Double> sums) {
    Optional<Column> types = column(segment, "EVENT_TYPE");
    Optional<Column> sources = column(segment, "EVENT_ATTRIBUTION_SOURCE");
    StringColumn items = (StringColumn) column(segment, "ITEM_ID").orElseThrow();
    LongColumn times = (LongColumn) column(segment, "TIMESTAMP").orElseThrow();
    for (int r = 0; r < segment.rows(); r++) {
      int row = r;
      String type = types.map(c -> textAt(c, row)).orElse("");
      String source = sources.map(c -> textAt(c, row)).orElse("");
      for (Metric m : metrics) {
        if (!m.eventType().equals(type)) {
          continue;
        }
        Optional<Double> value;
        if (m.expression().isCount()) {
          value = Optional.of(1.0);
        } else if (m.expression().dataset().get().equals("Items")) {
          value = Optional.ofNullable(itemValues.get(m.metricName()).get(items.value(row)));
        } else {
          value = column(segment, m.expression().column().get()).map(c -> number(c, row));
        }
        value.ifPresent(v -> add(sums, m, source, times.value(row), v));
      }
    }
  }

  private static void addEvent(StreamedEvent e, List<Metric> metrics, Map<String, Map<String, Double>> itemValues, Map<List<String>, Double> sums) {
    String source = e.fields().getOrDefault("EVENT_ATTRIBUTION_SOURCE", "");
    for (Metric m : metrics) {
      if (!m.eventType().equals(e.eventType())) {
        continue;
      }
      Optional<Double> value;
      if (m.expression().isCount()) {
        value = Optional.of(1.0);
      } else if (m.expression().dataset().get().equals("Items")) {
        value = e.itemId().map(i -> itemValues.get(m.metricName()).get(i));
      } else if (m.expression().column().get().equalsIgnoreCase("EVENT_VALUE")) {
        value = e.eventValue().isPresent() ? Optional.of(e.eventValue().getAsDouble()) : Optional.empty();
      } else {
        value = Optional.ofNullable(e.fields().get(m.expression().column().get())).flatMap(AttributionMetrics::parse);
      }
      value.ifPresent(v -> add(sums, m, source, e.sentAt(), v));
    }
  }

  private static void add(Map<List<String>, Double> sums, Metric m, String source, long time, double value) {
    long window = Math.floorDiv(time, WINDOW_SECONDS) * WINDOW_SECONDS;
    sums.merge(List.of(m.metricName(), m.eventType(), source.isEmpty() ? NO_SOURCE : source, Long.toString(window)), value, Double::sum);
  }

  /** An Items column's numbers by item id: imported records, then put records, which win. */
  private Map<String, Double> itemColumn(String group, String column) {
    Map<String, Double> values = new HashMap<>();
    Optional<Resource> items = dataset(group, "ITEMS");
    if (items.isEmpty()) {
      return values;
    }
    for (String key : DatasetContents.segmentKeys(items.get())) {
      Segment segment;
      try {
        segment = ctx.objects().read(key, SegmentCodec::read);
      } catch (DamagedObjectException e) {
        continue;
      }
      Optional<Column> ids = column(segment, "ITEM_ID");
      Optional<Column> numbers = column(segment, column);
      if (ids.isEmpty() || numbers.isEmpty()) {
        continue;
      }
      for (int r = 0; r < segment.rows(); r++) {
        Double v = number(numbers.get(), r);
        if (v != null) {
          values.put(((StringColumn) ids.get()).value(r), v);
        }
      }
    }
    ctx.db().read(tx -> RecordLog.load(tx, items.get().arn())).forEach((id, fields) ->
        fields.entrySet().stream().filter(f -> f.getKey().equalsIgnoreCase(column)).findFirst().flatMap(f -> parse(f.getValue())).ifPresent(v -> values.put(id, v)));
    return values;
  }

  private Optional<Resource> dataset(String group, String type) {
    return ctx.db().read(tx -> ctx.resources().find(tx, ctx.arns().dataset(Arns.resourceName(group), type)));
  }

  private static Optional<Column> column(Segment segment, String name) {
    return segment.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  private static String textAt(Column c, int row) {
    return c.isNull(row) || !(c instanceof StringColumn s) ? "" : s.value(row);
  }

  private static Double number(Column c, int row) {
    if (c.isNull(row)) {
      return null;
    }
    if (c instanceof LongColumn l) {
      return (double) l.value(row);
    }
    if (c instanceof DoubleColumn d) {
      return d.value(row);
    }
    return null;
  }

  private static Optional<Double> parse(String text) {
    try {
      return Optional.of(Double.parseDouble(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
