package io.tastemaker.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.store.Transaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The {@code events} table: streamed events, each stored once per dataset group and event id. */
public final class EventLog {
  private static final String COLUMNS =
      "seq, dataset_group_arn, event_id, user_id, session_id, item_id, event_type, event_value, sent_at, recommendation_id, impression, fields";

  private EventLog() {}

  /** The highest seq stored, 0 when there are no events. */
  public static long lastSeq(Transaction tx) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT MAX(seq) FROM events");
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** The highest seq stored for a dataset group, 0 when it has no events. */
  public static long lastSeq(Transaction tx, String datasetGroupArn) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT MAX(seq) FROM events WHERE dataset_group_arn = ?")) {
      p.setString(1, datasetGroupArn);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * Stores events whose event id is new in their group; a repeated id is skipped.
   *
   * @return which of the events were stored
   */
  public static boolean[] append(Transaction tx, List<StreamedEvent> events) throws SQLException {
    boolean[] stored = new boolean[events.size()];
    try (PreparedStatement p =
        tx.connection().prepareStatement("INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (int i = 0; i < events.size(); i++) {
        StreamedEvent e = events.get(i);
        p.setLong(1, e.seq());
        p.setString(2, e.datasetGroupArn());
        p.setString(3, e.eventId());
        p.setString(4, e.userId().orElse(null));
        p.setString(5, e.sessionId());
        p.setString(6, e.itemId().orElse(null));
        p.setString(7, e.eventType());
        if (e.eventValue().isPresent()) {
          p.setDouble(8, e.eventValue().getAsDouble());
        } else {
          p.setNull(8, Types.DOUBLE);
        }
        p.setLong(9, e.sentAt());
        p.setString(10, e.recommendationId().orElse(null));
        p.setString(11, e.impression().orElse(null));
        ObjectNode fields = Json.object();
        e.fields().forEach(fields::put);
        p.setString(12, Json.text(fields));
        p.addBatch();
      }
      // Each statement's count says whether its event was new.
      int[] counts = p.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        stored[i] = counts[i] == 1;
      }
    }
    return stored;
  }

  /** A group's events up to {@code maxSeq}, in seq order. */
  public static List<StreamedEvent> load(Transaction tx, String datasetGroupArn, long maxSeq) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT " + COLUMNS + " FROM events WHERE dataset_group_arn = ? AND seq <= ? ORDER BY seq")) {
      p.setString(1, datasetGroupArn);
      p.setLong(2, maxSeq);
      return read(p);
    }
  }

  /** A group's events after {@code afterSeq} up to {@code maxSeq}, in seq order. */
  public static List<StreamedEvent> between(Transaction tx, String datasetGroupArn, long afterSeq, long maxSeq) throws SQLException {
    try (PreparedStatement p =
        tx.connection().prepareStatement("SELECT " + COLUMNS + " FROM events WHERE dataset_group_arn = ? AND seq > ? AND seq <= ? ORDER BY seq")) {
      p.setString(1, datasetGroupArn);
      p.setLong(2, afterSeq);
      p.setLong(3, maxSeq);
      return read(p);
    }
  }

  /** Up to {@code limit} of a group's events after {@code afterSeq} up to {@code maxSeq}, in seq order: one page of the group's log. */
  public static List<StreamedEvent> pageOfGroup(Transaction tx, String datasetGroupArn, long afterSeq, long maxSeq, int limit) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement(
        "SELECT " + COLUMNS + " FROM events WHERE dataset_group_arn = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
      p.setString(1, datasetGroupArn);
      p.setLong(2, afterSeq);
      p.setLong(3, maxSeq);
      p.setInt(4, limit);
      return read(p);
    }
  }

  /** How many events are stored, in every group. */
  public static long count(Transaction tx) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT COUNT(*) FROM events");
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Up to {@code limit} stored events after {@code afterSeq}, in seq order: one page of the whole log. */
  public static List<StreamedEvent> page(Transaction tx, long afterSeq, int limit) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
      p.setLong(1, afterSeq);
      p.setInt(2, limit);
      return read(p);
    }
  }

  /**
   * Deletes a group's events of these users, and the anonymous events of the sessions they claimed;
   * returns how many were deleted.
   */
  public static int deleteUsers(Transaction tx, String datasetGroupArn, java.util.Collection<String> userIds) throws SQLException {
    int deleted = 0;
    List<String> users = List.copyOf(userIds);
    for (int from = 0; from < users.size(); from += 400) {
      List<String> chunk = users.subList(from, Math.min(users.size(), from + 400));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement p =
          tx.connection().prepareStatement(
              "DELETE FROM events WHERE dataset_group_arn = ? AND (user_id IN (" + marks + ") OR (user_id IS NULL AND session_id IN"
                  + " (SELECT session_id FROM events WHERE dataset_group_arn = ? AND user_id IN (" + marks + "))))")) {
        int i = 1;
        p.setString(i++, datasetGroupArn);
        for (String u : chunk) {
          p.setString(i++, u);
        }
        p.setString(i++, datasetGroupArn);
        for (String u : chunk) {
          p.setString(i++, u);
        }
        deleted += p.executeUpdate();
      }
    }
    return deleted;
  }

  /** Forgets a dataset group's events, when the group is deleted. */
  public static void deleteGroup(Transaction tx, String datasetGroupArn) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("DELETE FROM events WHERE dataset_group_arn = ?")) {
      p.setString(1, datasetGroupArn);
      p.executeUpdate();
    }
  }

  private static List<StreamedEvent> read(PreparedStatement p) throws SQLException {
    List<StreamedEvent> events = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        double value = rs.getDouble(8);
        OptionalDouble eventValue = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode stored = Json.parseStored(rs.getString(12));
        stored.properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
        events.add(
            new StreamedEvent(
                rs.getLong(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getString(5), Optional.ofNullable(rs.getString(6)),
                rs.getString(7), eventValue, rs.getLong(9), Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)), fields));
      }
    }
    return events;
  }
}
