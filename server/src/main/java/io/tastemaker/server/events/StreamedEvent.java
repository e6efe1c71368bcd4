package io.tastemaker.server.events;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One event accepted by PutEvents, as stored: the dataset group it belongs to, its place in the
 * server's order of events ({@code seq}), and its Interactions fields.
 *
 * @param seq the server-wide order of acceptance; 0 until the event is stored
 * @param userId the user, empty for an anonymous session's event
 * @param itemId the item, empty for events without one
 * @param sentAt epoch seconds
 * @param fields the other Interactions-schema fields from {@code properties}, by schema field name
 */
public record StreamedEvent(
    long seq,
    String datasetGroupArn,
    String eventId,
    Optional<String> userId,
    String sessionId,
    Optional<String> itemId,
    String eventType,
    OptionalDouble eventValue,
    long sentAt,
    Optional<String> recommendationId,
    Optional<String> impression,
    Map<String, String> fields) {
  public StreamedEvent {
    Objects.requireNonNull(datasetGroupArn, "datasetGroupArn");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(eventValue, "eventValue");
    Objects.requireNonNull(recommendationId, "recommendationId");
    Objects.requireNonNull(impression, "impression");
    fields = Map.copyOf(fields);
  }

  /** The same event at its place in the order. */
  public StreamedEvent withSeq(long order) {
    return new StreamedEvent(order, datasetGroupArn, eventId, userId, sessionId, itemId, eventType, eventValue, sentAt, recommendationId, impression, fields);
  }
}
