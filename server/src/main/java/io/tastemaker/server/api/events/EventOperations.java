package io.tastemaker.server.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.events.EventTrackers;
import io.tastemaker.server.events.EventWriter;
import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.events.ReplicaChanges;
import io.tastemaker.server.events.SchemaProperties;
import io.tastemaker.server.events.StreamedEvent;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.RecommendationMemory;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * PutEvents, PutItems and PutUsers: events are stored durably and reach the group's campaigns at
 * once; items and users are checked against their dataset's schema and replace earlier records.
 * An event's impression is its {@code impression} member, else the items of the recommendation its
 * {@code recommendationId} names, while the server remembers it ({@link RecommendationMemory}).
 */
public final class EventOperations {
  /** Interactions fields set by an event's own members, never by its properties. */
  private static final Set<String> EVENT_MEMBERS =
      Set.of("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "IMPRESSION", "RECOMMENDATION_ID", "EVENT_ATTRIBUTION_SOURCE");
  /**
   * Interactions fields properties may set: ITEM_ID, as 2019 code sent it ({@code {"itemId": "123"}})
   * before events had an itemId member.
   */
  private static final Set<String> PROPERTY_MEMBERS = EVENT_MEMBERS.stream().filter(f -> !f.equals("ITEM_ID")).collect(java.util.stream.Collectors.toUnmodifiableSet());
  /** Property keys Personalize forbids in an event's properties. */
  private static final Set<String> FORBIDDEN_EVENT_KEYS = Set.of("userId", "sessionId", "eventType", "timestamp", "recommendationId", "impression");

  private final ApiContext ctx;
  private final EventTrackers trackers;
  private final EventWriter writer;
  private final BiConsumer<String, List<Map<String, String>>> recordsPut;
  private final RecommendationMemory recommendations;

  /**
   * @param recordsPut hears of the records put into a dataset (field name to text, the id included)
   * @param recommendations what recent recommendations returned: an event's {@code recommendationId} without an {@code impression} takes its items
   */
  public EventOperations(
      ApiContext ctx, EventTrackers trackers, EventWriter writer, BiConsumer<String, List<Map<String, String>>> recordsPut, RecommendationMemory recommendations) {
    this.recommendations = recommendations;
    this.ctx = ctx;
    this.trackers = trackers;
    this.writer = writer;
    this.recordsPut = recordsPut;
  }

  public void register(OperationRegistry registry) {
    registry.register("PutEvents", this::putEvents);
    registry.register("PutItems", input -> putRecords(input, "ITEMS", "items", "itemId", "ITEM_ID"));
    registry.register("PutUsers", input -> putRecords(input, "USERS", "users", "userId", "USER_ID"));
  }

  private JsonNode putEvents(Input input) {
    EventTrackers.Target target = trackers.target(input.text("trackingId"));
    SchemaProperties properties = new SchemaProperties(target.schema(), PROPERTY_MEMBERS);
    Optional<String> userId = input.optionalText("userId");
    String sessionId = input.text("sessionId");
    List<StreamedEvent> events = new ArrayList<>();
    JsonNode list = input.raw("eventList").orElseThrow();
    for (int i = 0; i < list.size(); i++) {
      events.add(event(list.get(i), "eventList[" + i + "]", target, properties, userId, sessionId));
    }
    try {
      writer.write(events).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing events", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the events could not be stored", e.getCause());
    }
    return Json.object();
  }

  private StreamedEvent event(JsonNode e, String where, EventTrackers.Target target, SchemaProperties properties, Optional<String> userId, String sessionId) {
    Map<String, String> fields = new java.util.LinkedHashMap<>(
        text(e, "properties").map(p -> properties.read(p, where + ".properties", FORBIDDEN_EVENT_KEYS)).orElse(Map.of()));
    // The item may travel inside properties, as older code sends it; the itemId member wins when both are given.
    Optional<String> fromProperties = Optional.ofNullable(fields.remove("ITEM_ID"));
    Optional<String> itemId = text(e, "itemId").or(() -> fromProperties);
    if (itemId.isEmpty() && target.schema().has("ITEM_ID")) {
      throw ApiException.invalidInput(
          where + ".itemId is required: the Interactions schema has the field ITEM_ID (give the itemId member, or itemId in properties).");
    }
    if (itemId.isPresent() && (itemId.get().isEmpty() || itemId.get().length() > 256)) {
      throw ApiException.invalidInput(where + ".properties.itemId must be 1 to 256 characters long, got " + itemId.get().length());
    }
    // The source a metric attribution splits its metrics by is kept with the event's other fields.
    JsonNode source = e.path("metricAttribution").path("eventAttributionSource");
    if (source.isTextual()) {
      fields.put("EVENT_ATTRIBUTION_SOURCE", source.asText());
    }
    // sentAt is epoch seconds; TIMESTAMP keeps whole seconds, as imports do.
    long sentAt = (long) Math.floor(e.get("sentAt").asDouble());
    OptionalDouble value = e.hasNonNull("eventValue") && target.schema().has("EVENT_VALUE") ? OptionalDouble.of(e.get("eventValue").asDouble()) : OptionalDouble.empty();
    Optional<String> recommendationId = text(e, "recommendationId");
    // An explicit impression wins; else the recommendation the event names gives the items it showed.
    Optional<String> impression = Optional.ofNullable(e.get("impression")).filter(JsonNode::isArray).filter(a -> !a.isEmpty()).map(a -> {
      List<String> ids = new ArrayList<>();
      a.forEach(id -> ids.add(id.asText()));
      return String.join("|", ids);
    }).or(() -> recommendationId.flatMap(recommendations::shown).map(ids -> String.join("|", ids)));
    return new StreamedEvent(
        0, target.datasetGroupArn(), text(e, "eventId").orElseGet(() -> UUID.randomUUID().toString()), userId, sessionId, itemId, e.get("eventType").asText(), value,
        sentAt, recommendationId, impression, fields);
  }

  private static Optional<String> text(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private JsonNode putRecords(Input input, String datasetType, String listMember, String idMember, String idField) {
    String datasetArn = input.text("datasetArn");
    Resource dataset =
        ctx.db().read(tx -> ctx.resources().find(tx, datasetArn)).filter(d -> d.kind() == ResourceKind.DATASET)
            .orElseThrow(() -> ApiException.notFound("The dataset " + datasetArn + " does not exist."));
    if (!datasetArn.endsWith("/" + datasetType)) {
      throw ApiException.invalidInput("The dataset " + datasetArn + " is not a" + (datasetType.equals("ITEMS") ? "n Items" : " Users") + " dataset.");
    }
    if (!dataset.hasStatus(Status.ACTIVE)) {
      throw ApiException.inUse("The dataset " + datasetArn + " is " + dataset.statusOrEmpty() + ", not ACTIVE.");
    }
    DatasetSchema schema =
        DatasetSchemas.of(ctx, dataset).orElseThrow(() -> ApiException.invalidInput("The schema of " + datasetArn + " no longer exists."));
    SchemaProperties properties = new SchemaProperties(schema, Set.of(idField));
    JsonNode list = input.raw(listMember).orElseThrow();
    List<Map.Entry<String, Map<String, String>>> records = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode record = list.get(i);
      String where = listMember + "[" + i + "]";
      Map<String, String> fields = text(record, "properties").map(p -> properties.read(p, where + ".properties", Set.of(idMember))).orElse(Map.of());
      Set<String> missing = properties.missingRequired(fields);
      if (!missing.isEmpty()) {
        throw ApiException.invalidInput(where + ".properties must set " + String.join(", ", missing) + ": the schema's fields that are not nullable.");
      }
      records.add(Map.entry(record.get(idMember).asText(), fields));
    }
    // Records are read back in the order they were put: milliseconds, and the place within the call (at most 10).
    long now = ctx.clock().millis();
    ctx.db().write(tx -> {
      long seq = now * 100;
      for (Map.Entry<String, Map<String, String>> r : records) {
        RecordLog.put(tx, datasetArn, r.getKey(), seq++, r.getValue());
      }
      ReplicaChanges.record(ctx.db(), tx, ctx.jobs().replica(), ReplicaChanges.Kind.RECORDS_PUT, datasetArn, now * 100, seq - 1, now);
      return null;
    });
    List<Map<String, String>> put = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> r : records) {
      Map<String, String> fields = new java.util.HashMap<>(r.getValue());
      fields.put(idField, r.getKey());
      put.add(fields);
    }
    recordsPut.accept(datasetArn, put);
    return Json.object();
  }
}
