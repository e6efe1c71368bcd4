package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.attribution.MetricExpression;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.attribution.AttributionMetrics;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CreateMetricAttribution, DescribeMetricAttribution, ListMetricAttributions,
 * UpdateMetricAttribution, DeleteMetricAttribution and ListMetricAttributionMetrics. A dataset group
 * has at most one metric attribution, of at most 10 metrics with distinct names, each
 * {@code SAMPLECOUNT()} or a SUM of a numeric Interactions or Items field.
 */
public final class MetricAttributionOperations {
  private static final ResourceKind KIND = ResourceKind.METRIC_ATTRIBUTION;
  static final int MAX_METRICS = 10;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public MetricAttributionOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateMetricAttribution", this::create);
    registry.register("DescribeMetricAttribution", standard.describe(KIND));
    registry.register("ListMetricAttributions", standard.list(KIND, Optional.of("datasetGroupArn")));
    registry.register("UpdateMetricAttribution", this::update);
    registry.register("DeleteMetricAttribution", this::delete);
    registry.register("ListMetricAttributionMetrics", this::listMetrics);
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    String groupArn = input.text("datasetGroupArn");
    checkOutput(input.raw("metricsOutputConfig").orElseThrow());
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      life.requireLiveParent(tx, ResourceKind.DATASET_GROUP, groupArn);
      for (Resource other : ctx.resources().inGroup(tx, KIND, groupArn)) {
        throw ApiException.alreadyExists("The dataset group " + groupArn + " already has a metric attribution: " + other.arn() + ".");
      }
      ArrayNode metrics = Json.array();
      input.raw("metrics").orElseThrow().forEach(metrics::add);
      checkMetrics(tx, groupArn, metrics, "metrics");
      ObjectNode attributes = Json.object();
      attributes.put("datasetGroupArn", groupArn);
      attributes.set("metricsOutputConfig", input.raw("metricsOutputConfig").orElseThrow());
      attributes.set(AttributionMetrics.METRICS, metrics);
      attributes.put(AttributionMetrics.FIRST_SEQ, EventLog.lastSeq(tx));
      Resource r = life.newResource(KIND, arn, name, Optional.of(groupArn), Optional.of(groupArn), attributes);
      life.insert(tx, r, name, Optional.empty(), Optional.of(JobTypes.ACTIVATE));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("metricAttributionArn", arn);
    return answer;
  }

  private JsonNode update(Input input) {
    String arn = input.optionalText("metricAttributionArn").orElseThrow(() -> ApiException.invalidInput("metricAttributionArn is required."));
    input.raw("metricsOutputConfig").ifPresent(this::checkOutput);
    ctx.db().write(tx -> {
      Resource attribution = life.requireStatus(tx, KIND, arn, Status.ACTIVE);
      ObjectNode attributes = attribution.attributes();
      Map<String, JsonNode> byName = new LinkedHashMap<>();
      attributes.path(AttributionMetrics.METRICS).forEach(m -> byName.put(m.path("metricName").asText(), m));
      JsonNode removed = input.raw("removeMetrics").orElse(Json.array());
      for (int i = 0; i < removed.size(); i++) {
        if (byName.remove(removed.get(i).asText()) == null) {
          throw ApiException.invalidInput("removeMetrics[" + i + "] names no metric of " + arn + ", got " + removed.get(i).asText() + "; it has " + String.join(", ", byName.keySet()) + ".");
        }
      }
      ArrayNode metrics = Json.array();
      byName.values().forEach(metrics::add);
      JsonNode added = input.raw("addMetrics").orElse(Json.array());
      ArrayNode addedOnly = Json.array();
      added.forEach(addedOnly::add);
      checkMetrics(tx, attribution.datasetGroupArn().orElseThrow(), addedOnly, "addMetrics");
      for (int i = 0; i < added.size(); i++) {
        String metricName = added.get(i).path("metricName").asText();
        if (byName.containsKey(metricName)) {
          throw ApiException.alreadyExists("addMetrics[" + i + "].metricName " + metricName + " is already a metric of " + arn + ".");
        }
        metrics.add(added.get(i));
      }
      if (metrics.size() > MAX_METRICS) {
        throw ApiException.invalidInput("A metric attribution has at most " + MAX_METRICS + " metrics; this update would leave " + metrics.size() + ".");
      }
      attributes.set(AttributionMetrics.METRICS, metrics);
      input.raw("metricsOutputConfig").ifPresent(c -> attributes.set("metricsOutputConfig", c));
      ctx.resources().update(tx, attribution.withAttributes(attributes, ctx.clock().instant()));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("metricAttributionArn", arn);
    return answer;
  }

  private JsonNode delete(Input input) {
    String arn = input.text("metricAttributionArn");
    ctx.db().write(tx -> {
      life.requestDeletion(tx, life.require(tx, KIND, arn));
      return null;
    });
    return Json.object();
  }

  private JsonNode listMetrics(Input input) {
    String arn = input.optionalText("metricAttributionArn").orElseThrow(() -> ApiException.invalidInput("metricAttributionArn is required."));
    Resource attribution = ctx.db().read(tx -> life.require(tx, KIND, arn));
    ObjectNode answer = Json.object();
    ArrayNode metrics = answer.putArray("metrics");
    attribution.attributes().path(AttributionMetrics.METRICS).forEach(metrics::add);
    return answer;
  }

  /** Each metric's expression, and each SUM's field against the group's schemas; names distinct. */
  private void checkMetrics(Transaction tx, String groupArn, JsonNode metrics, String member) throws SQLException {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode metric = metrics.get(i);
      String where = member + "[" + i + "]";
      String name = metric.path("metricName").asText();
      if (!names.add(name)) {
        throw ApiException.invalidInput(where + ".metricName " + name + " appears twice; metric names are unique in a metric attribution.");
      }
      MetricExpression expression;
      try {
        expression = MetricExpression.parse(metric.path("expression").asText(), where + ".expression");
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidInput(e.getMessage());
      }
      if (expression.isCount()) {
        continue;
      }
      String type = expression.dataset().orElseThrow().toUpperCase(java.util.Locale.ROOT);
      Optional<Resource> dataset = ctx.resources().find(tx, ctx.arns().dataset(Arns.resourceName(groupArn), type));
      Optional<Resource> schema = dataset.flatMap(d -> d.text("schemaArn")).flatMap(s -> {
        try {
          return ctx.resources().find(tx, s);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      if (schema.isEmpty()) {
        throw ApiException.invalidInput(
            where + ".expression " + metric.path("expression").asText() + " sums a field of the " + expression.dataset().get() + " dataset, which the dataset group " + groupArn + " does not have.");
      }
      try {
        expression.field(AvroSchemaParser.parse(schema.get().text("schema").orElseThrow()), where + ".expression");
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidInput(e.getMessage());
      }
    }
    if (metrics.size() > MAX_METRICS) {
      throw ApiException.invalidInput(member + " has " + metrics.size() + " metrics; a metric attribution has at most " + MAX_METRICS + ".");
    }
  }

  private void checkOutput(JsonNode config) {
    String path = config.path("s3DataDestination").path("path").asText("");
    if (path.isEmpty()) {
      return;
    }
    try {
      ctx.locations().checkOutput(path);
    } catch (LocationException e) {
      throw ApiException.invalidInput("metricsOutputConfig.s3DataDestination.path " + e.getMessage());
    }
  }
}
