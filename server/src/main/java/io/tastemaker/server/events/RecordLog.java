package io.tastemaker.server.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.store.Transaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code records} table: items and users put one at a time, the latest record per id. */
public final class RecordLog {
  private RecordLog() {}

  /** Stores a record, replacing an earlier one with the same id. */
  public static void put(Transaction tx, String datasetArn, String id, long seq, Map<String, String> fields) throws SQLException {
    ObjectNode json = Json.object();
    fields.forEach(json::put);
    try (PreparedStatement p =
        tx.connection().prepareStatement(
            "INSERT INTO records (dataset_arn, record_id, seq, fields) VALUES (?, ?, ?, ?) ON CONFLICT (dataset_arn, record_id) DO UPDATE SET seq = excluded.seq, fields = excluded.fields")) {
      p.setString(1, datasetArn);
      p.setString(2, id);
      p.setLong(3, seq);
      p.setString(4, Json.text(json));
      p.executeUpdate();
    }
  }

  /** Stores a record unless one with its id is there: an event id repeated is stored once. Returns whether it was stored. */
  public static boolean putIfAbsent(Transaction tx, String datasetArn, String id, long seq, Map<String, String> fields) throws SQLException {
    ObjectNode json = Json.object();
    fields.forEach(json::put);
    try (PreparedStatement p =
        tx.connection().prepareStatement(
            "INSERT INTO records (dataset_arn, record_id, seq, fields) VALUES (?, ?, ?, ?) ON CONFLICT (dataset_arn, record_id) DO NOTHING")) {
      p.setString(1, datasetArn);
      p.setString(2, id);
      p.setLong(3, seq);
      p.setString(4, Json.text(json));
      return p.executeUpdate() > 0;
    }
  }

  /** A dataset's records in the order they were last put, each as field name to text value. */
  public static Map<String, Map<String, String>> load(Transaction tx, String datasetArn) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT record_id, fields FROM records WHERE dataset_arn = ? ORDER BY seq")) {
      p.setString(1, datasetArn);
      return records(p);
    }
  }

  /** A dataset's records whose seq is from {@code firstSeq} to {@code lastSeq}, in the order they were put, each as field name to text value. */
  public static Map<String, Map<String, String>> between(Transaction tx, String datasetArn, long firstSeq, long lastSeq) throws SQLException {
    try (PreparedStatement p =
        tx.connection().prepareStatement("SELECT record_id, fields FROM records WHERE dataset_arn = ? AND seq >= ? AND seq <= ? ORDER BY seq")) {
      p.setString(1, datasetArn);
      p.setLong(2, firstSeq);
      p.setLong(3, lastSeq);
      return records(p);
    }
  }

  /** The rows of a (record_id, fields) query, each as field name to text value, in row order. */
  private static Map<String, Map<String, String>> records(PreparedStatement p) throws SQLException {
    Map<String, Map<String, String>> records = new LinkedHashMap<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        Map<String, String> fields = new LinkedHashMap<>();
        Json.parseStored(rs.getString(2)).properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
        records.put(rs.getString(1), fields);
      }
    }
    return records;
  }

  /**
   * What a dataset's records are at: their number and the newest seq. It changes whenever a record is
   * put (a new seq) or deleted (one fewer), so a reader can keep what it derived until it does.
   */
  public record Version(long rows, long lastSeq) {}

  /** The dataset's {@link Version}; {@code (0, 0)} when it has no records. */
  public static Version version(Transaction tx, String datasetArn) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT COUNT(*), MAX(seq) FROM records WHERE dataset_arn = ?")) {
      p.setString(1, datasetArn);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? new Version(rs.getLong(1), rs.getLong(2)) : new Version(0, 0);
      }
    }
  }

  /** Deletes the records with these ids from a dataset; returns how many there were. */
  public static int deleteIds(Transaction tx, String datasetArn, java.util.Collection<String> ids) throws SQLException {
    int deleted = 0;
    try (PreparedStatement p = tx.connection().prepareStatement("DELETE FROM records WHERE dataset_arn = ? AND record_id = ?")) {
      for (String id : ids) {
        p.setString(1, datasetArn);
        p.setString(2, id);
        deleted += p.executeUpdate();
      }
    }
    return deleted;
  }

  /** Deletes a dataset's records whose {@code field} holds one of {@code values}; returns how many there were. */
  public static int deleteWhere(Transaction tx, String datasetArn, String field, java.util.Set<String> values) throws SQLException {
    List<String> ids = new ArrayList<>();
    load(tx, datasetArn).forEach((id, fields) -> {
      String value = fields.get(field);
      if (value != null && values.contains(value)) {
        ids.add(id);
      }
    });
    return deleteIds(tx, datasetArn, ids);
  }

  /** Forgets a dataset's records, when the dataset is deleted. */
  public static void deleteDataset(Transaction tx, String datasetArn) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("DELETE FROM records WHERE dataset_arn = ?")) {
      p.setString(1, datasetArn);
      p.executeUpdate();
    }
  }
}
