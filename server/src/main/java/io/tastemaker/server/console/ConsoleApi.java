package io.tastemaker.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.schema.SchemaField;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.control.FilterCheck;
import io.tastemaker.server.attribution.AttributionMetrics;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.serving.GroupAttributes;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console needs beyond the Personalize API: the Items metadata of an answer's items, a
 * filter expression checked while it is typed (CreateFilter's own check, without creating), and a
 * metric attribution's values per hour and source (the series behind /metrics' totals).
 */
final class ConsoleApi {
  /** The most items one metadata call looks up: GetRecommendations' largest numResults. */
  static final int MAX_ITEM_IDS = 500;

  private final ApiContext ctx;
  private final GroupAttributes attributes;
  private final FilterCheck filterCheck;

  ConsoleApi(ApiContext ctx, GroupAttributes attributes) {
    this.ctx = ctx;
    this.attributes = attributes;
    this.filterCheck = new FilterCheck(ctx);
  }

  /** {@code {"datasetGroupArn", "itemIds"}} to the items' Items fields (see {@link ItemMetadata#of}). */
  ObjectNode items(JsonNode body) {
    String group = existingGroup(body);
    JsonNode ids = body.get("itemIds");
    if (ids == null || !ids.isArray() || ids.size() > MAX_ITEM_IDS) {
      throw ApiException.invalidInput("itemIds must be an array of at most " + MAX_ITEM_IDS + " item ids, got " + shortText(ids) + ".");
    }
    List<String> itemIds = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!ids.get(i).isTextual()) {
        throw ApiException.invalidInput("itemIds[" + i + "] must be a string, got " + shortText(ids.get(i)) + ".");
      }
      itemIds.add(ids.get(i).asText());
    }
    String itemsDataset = ctx.arns().dataset(Arns.resourceName(group), "ITEMS");
    List<String> schemaFields = DatasetSchemas.ofDataset(ctx, itemsDataset)
        .map(schema -> schema.fields().stream().map(SchemaField::name).filter(name -> !name.equals("ITEM_ID")).toList())
        .orElse(List.of());
    return ItemMetadata.of(attributes.items(group), schemaFields, itemIds);
  }

  /** {@code {"datasetGroupArn", "filterExpression"}} to {@code {"valid": true}} or {@code {"valid": false, "message": ...}}. */
  ObjectNode checkFilter(JsonNode body) {
    String group = existingGroup(body);
    String expression = text(body, "filterExpression");
    ObjectNode answer = Json.object();
    try {
      ctx.db().read(tx -> filterCheck.check(tx, group, expression));
      answer.put("valid", true);
    } catch (ApiException e) {
      answer.put("valid", false);
      answer.put("message", e.getMessage());
    }
    return answer;
  }

  /**
   * {@code {"metricAttributionArn"}} to {@code {"windowSeconds": 3600, "values": [{"metricName",
   * "eventType", "source", "windowStart", "value"}]}}: each metric summed per attribution source and
   * hour of event time, as {@link AttributionMetrics} computes them for /metrics.
   */
  ObjectNode attributionMetrics(JsonNode body) {
    String arn = text(body, "metricAttributionArn");
    Resource attribution = ctx.db().read(tx -> ctx.resources().find(tx, arn)).filter(r -> r.kind() == ResourceKind.METRIC_ATTRIBUTION)
        .orElseThrow(() -> ApiException.notFound("The metric attribution " + arn + " does not exist."));
    ObjectNode answer = Json.object();
    answer.put("windowSeconds", AttributionMetrics.WINDOW_SECONDS);
    var values = answer.putArray("values");
    for (AttributionMetrics.Value v : new AttributionMetrics(ctx).all(attribution)) {
      ObjectNode value = values.addObject();
      value.put("metricName", v.metricName());
      value.put("eventType", v.eventType());
      value.put("source", v.source());
      value.put("windowStart", v.windowStart());
      value.put("value", v.value());
    }
    return answer;
  }

  private String existingGroup(JsonNode body) {
    String group = text(body, "datasetGroupArn");
    if (ctx.db().read(tx -> ctx.resources().find(tx, group)).filter(r -> r.kind() == ResourceKind.DATASET_GROUP).isEmpty()) {
      throw ApiException.notFound("The dataset group " + group + " does not exist.");
    }
    return group;
  }

  static String text(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw ApiException.invalidInput(member + " must be a non-empty string, got " + shortText(value) + ".");
    }
    return value.asText();
  }

  private static String shortText(JsonNode value) {
    if (value == null) {
      return "nothing";
    }
    String text = value.toString();
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
