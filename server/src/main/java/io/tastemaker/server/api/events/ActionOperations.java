package io.tastemaker.server.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.nextbestaction.ActionEventType;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.events.ReplicaChanges;
import io.tastemaker.server.events.SchemaProperties;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * PutActions and PutActionInteractions (Next-Best-Action): actions are checked against the Actions
 * schema and replace earlier records of their id; action interactions, sent with the tracking id
 * of the group's Action_Interactions dataset, are checked against its schema and stored once per
 * event id. Both are committed before the call answers and train with the next solution version.
 */
public final class ActionOperations {
  /** Most days REPEAT_FREQUENCY may say, as the guide documents. */
  static final int MAX_REPEAT_FREQUENCY = 30;
  private static final Set<String> INTERACTION_FIELDS = Set.of("USER_ID", "ACTION_ID", "EVENT_TYPE", "TIMESTAMP");
  private static final Set<String> FORBIDDEN_INTERACTION_KEYS =
      Set.of("actionId", "userId", "sessionId", "eventType", "timestamp", "eventId", "recommendationId", "impression");

  private final ApiContext ctx;
  private final BiConsumer<String, List<Map<String, String>>> recordsPut;

  /** @param recordsPut hears of the actions put (field name to text, ACTION_ID included), so filters see them at once */
  public ActionOperations(ApiContext ctx, BiConsumer<String, List<Map<String, String>>> recordsPut) {
    this.ctx = ctx;
    this.recordsPut = recordsPut;
  }

  public void register(OperationRegistry registry) {
    registry.register("PutActions", this::putActions);
    registry.register("PutActionInteractions", this::putActionInteractions);
  }

  private JsonNode putActions(Input input) {
    String datasetArn = input.text("datasetArn");
    Resource dataset =
        ctx.db().read(tx -> ctx.resources().find(tx, datasetArn)).filter(d -> d.kind() == ResourceKind.DATASET)
            .orElseThrow(() -> ApiException.notFound("The dataset " + datasetArn + " does not exist."));
    if (!datasetArn.endsWith("/ACTIONS")) {
      throw ApiException.invalidInput("The dataset " + datasetArn + " is not an Actions dataset; PutActions puts actions only.");
    }
    requireActive(dataset);
    SchemaProperties properties = new SchemaProperties(schemaOf(dataset), Set.of("ACTION_ID"));
    JsonNode list = input.raw("actions").orElseThrow();
    Map<String, Map<String, String>> actions = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode action = list.get(i);
      String where = "actions[" + i + "]";
      Map<String, String> fields = text(action, "properties").map(p -> properties.read(p, where + ".properties", Set.of("actionId"))).orElse(Map.of());
      Set<String> missing = properties.missingRequired(fields);
      if (!missing.isEmpty()) {
        throw ApiException.invalidInput(where + ".properties must set " + String.join(", ", missing) + ": the schema's fields that are not nullable.");
      }
      String repeat = fields.get("REPEAT_FREQUENCY");
      if (repeat != null && (Long.parseLong(repeat) < 1 || Long.parseLong(repeat) > MAX_REPEAT_FREQUENCY)) {
        throw ApiException.invalidInput(where + ".properties.repeatFrequency must be in [1, " + MAX_REPEAT_FREQUENCY + "] days, got " + repeat);
      }
      actions.put(action.get("actionId").asText(), fields);
    }
    long seq = ctx.clock().millis() * 100;
    ctx.db().write(tx -> {
      long next = seq;
      for (Map.Entry<String, Map<String, String>> a : actions.entrySet()) {
        RecordLog.put(tx, datasetArn, a.getKey(), next++, a.getValue());
      }
      ReplicaChanges.record(ctx.db(), tx, ctx.jobs().replica(), ReplicaChanges.Kind.RECORDS_PUT, datasetArn, seq, next - 1, seq / 100);
      return null;
    });
    List<Map<String, String>> put = new ArrayList<>();
    actions.forEach((id, fields) -> {
      Map<String, String> record = new LinkedHashMap<>(fields);
      record.put("ACTION_ID", id);
      put.add(record);
    });
    recordsPut.accept(datasetArn, put);
    return Json.object();
  }

  private JsonNode putActionInteractions(Input input) {
    String trackingId = input.text("trackingId");
    Resource dataset =
        ctx.db().read(tx -> ctx.resources().all(tx, ResourceKind.DATASET).stream()
                .filter(d -> d.text("trackingId").orElse("").equals(trackingId)).findFirst())
            .orElseThrow(() -> ApiException.notFound("No Action_Interactions dataset has the trackingId " + trackingId + "; DescribeDataset shows a dataset's trackingId."));
    requireActive(dataset);
    DatasetSchema schema = schemaOf(dataset);
    SchemaProperties properties = new SchemaProperties(schema, INTERACTION_FIELDS);
    JsonNode list = input.raw("actionInteractions").orElseThrow();
    List<Map.Entry<String, Map<String, String>>> events = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      String where = "actionInteractions[" + i + "]";
      String eventType = e.get("eventType").asText();
      ActionEventType type = ActionEventType.parse(eventType).orElseThrow(() -> ApiException.invalidInput(
          where + ".eventType must be Taken, Not Taken or Viewed, got '" + eventType + "'"));
      Map<String, String> fields = new LinkedHashMap<>(
          text(e, "properties").map(p -> properties.read(p, where + ".properties", FORBIDDEN_INTERACTION_KEYS)).orElse(Map.of()));
      Set<String> missing = properties.missingRequired(fields);
      if (!missing.isEmpty()) {
        throw ApiException.invalidInput(where + ".properties must set " + String.join(", ", missing) + ": the schema's fields that are not nullable.");
      }
      // An event without a user is kept, as Personalize keeps it; training reads only events with one.
      text(e, "userId").ifPresent(u -> fields.put("USER_ID", u));
      fields.put("ACTION_ID", e.get("actionId").asText());
      fields.put("EVENT_TYPE", type.wireName());
      // Whole seconds, as imported TIMESTAMP columns and PutEvents' sentAt keep them.
      fields.put("TIMESTAMP", Long.toString((long) Math.floor(e.get("timestamp").asDouble())));
      events.add(Map.entry(text(e, "eventId").orElseGet(() -> UUID.randomUUID().toString()), fields));
    }
    long seq = ctx.clock().millis() * 100;
    ctx.db().write(tx -> {
      long next = seq;
      for (Map.Entry<String, Map<String, String>> event : events) {
        RecordLog.putIfAbsent(tx, dataset.arn(), event.getKey(), next++, event.getValue());
      }
      return null;
    });
    return Json.object();
  }

  private static void requireActive(Resource dataset) {
    if (!dataset.hasStatus(Status.ACTIVE)) {
      throw ApiException.inUse("The dataset " + dataset.arn() + " is " + dataset.statusOrEmpty() + ", not ACTIVE.");
    }
  }

  private DatasetSchema schemaOf(Resource dataset) {
    return DatasetSchemas.of(ctx, dataset).orElseThrow(() -> ApiException.invalidInput("The schema of " + dataset.arn() + " no longer exists."));
  }

  private static Optional<String> text(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
