package io.tastemaker.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads and writes resources in the {@code resources} table. */
public final class ResourceStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "arn, kind, name, parent_arn, dataset_group_arn, status, failure_reason, created_at, updated_at, attributes";

  /**
   * Inserts a new resource.
   *
   * @param uniqueName the key that must be unique within the kind (usually the name)
   * @return false when another resource of the kind already holds {@code uniqueName} or the ARN
   */
  public boolean insert(Transaction tx, Resource r, String uniqueName) throws SQLException {
    // DO NOTHING rather than catching the violation: on PostgreSQL a failed statement aborts the whole
    // transaction, so the caller could not go on to report the conflict in it.
    String sql = "INSERT INTO resources (" + COLUMNS + ", unique_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setString(1, r.arn());
      p.setString(2, r.kind().name());
      p.setString(3, r.name());
      setOptional(p, 4, r.parentArn());
      setOptional(p, 5, r.datasetGroupArn());
      setOptional(p, 6, r.status());
      setOptional(p, 7, r.failureReason());
      p.setLong(8, r.createdAt().toEpochMilli());
      p.setLong(9, r.updatedAt().toEpochMilli());
      p.setString(10, r.attributes().toString());
      p.setString(11, uniqueName);
      return p.executeUpdate() == 1;
    }
  }

  public Optional<Resource> find(Transaction tx, String arn) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT " + COLUMNS + " FROM resources WHERE arn = ?")) {
      p.setString(1, arn);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** Replaces status, failure reason, attributes and update time of an existing resource. */
  public void update(Transaction tx, Resource r) throws SQLException {
    String sql = "UPDATE resources SET status = ?, failure_reason = ?, updated_at = ?, attributes = ? WHERE arn = ?";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      setOptional(p, 1, r.status());
      setOptional(p, 2, r.failureReason());
      p.setLong(3, r.updatedAt().toEpochMilli());
      p.setString(4, r.attributes().toString());
      p.setString(5, r.arn());
      p.executeUpdate();
    }
  }

  public void delete(Transaction tx, String arn) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("DELETE FROM resources WHERE arn = ?")) {
      p.setString(1, arn);
      p.executeUpdate();
    }
    try (PreparedStatement p = tx.connection().prepareStatement("DELETE FROM tags WHERE arn = ?")) {
      p.setString(1, arn);
      p.executeUpdate();
    }
  }

  /**
   * One page of a kind's resources, newest first.
   *
   * @param parentArn only resources listed under this parent, when present
   * @param after continue after this position, when present
   * @param limit at most this many
   */
  public Page list(Transaction tx, ResourceKind kind, Optional<String> parentArn, Optional<PageToken.Position> after, int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM resources WHERE kind = ?");
    parentArn.ifPresent(x -> sql.append(" AND parent_arn = ?"));
    after.ifPresent(x -> sql.append(" AND (created_at < ? OR (created_at = ? AND arn < ?))"));
    sql.append(" ORDER BY created_at DESC, arn DESC LIMIT ?");
    try (PreparedStatement p = tx.connection().prepareStatement(sql.toString())) {
      int i = 1;
      p.setString(i++, kind.name());
      if (parentArn.isPresent()) {
        p.setString(i++, parentArn.get());
      }
      if (after.isPresent()) {
        p.setLong(i++, after.get().createdAtMillis());
        p.setLong(i++, after.get().createdAtMillis());
        p.setString(i++, after.get().arn());
      }
      p.setInt(i, limit + 1);
      List<Resource> items = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          items.add(read(rs));
        }
      }
      boolean more = items.size() > limit;
      return more ? new Page(items.subList(0, limit), true) : new Page(items, false);
    }
  }

  /** Every resource of a kind under a parent, oldest first. */
  public List<Resource> children(Transaction tx, ResourceKind kind, String parentArn) throws SQLException {
    return query(tx, "kind = ? AND parent_arn = ? ORDER BY created_at, arn", kind.name(), parentArn);
  }

  /** Every resource of a kind in a dataset group, oldest first. */
  public List<Resource> inGroup(Transaction tx, ResourceKind kind, String datasetGroupArn) throws SQLException {
    return query(tx, "kind = ? AND dataset_group_arn = ? ORDER BY created_at, arn", kind.name(), datasetGroupArn);
  }

  /** Every resource of a kind, oldest first. */
  public List<Resource> all(Transaction tx, ResourceKind kind) throws SQLException {
    return query(tx, "kind = ? ORDER BY created_at, arn", kind.name());
  }

  /** How many resources there are of each kind and status (schemas have no status: ""). */
  public Map<ResourceKind, Map<String, Long>> countsByKindAndStatus(Transaction tx) throws SQLException {
    Map<ResourceKind, Map<String, Long>> counts = new EnumMap<>(ResourceKind.class);
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT kind, status, COUNT(*) FROM resources GROUP BY kind, status");
        ResultSet rows = p.executeQuery()) {
      while (rows.next()) {
        String status = rows.getString(2);
        counts.computeIfAbsent(ResourceKind.valueOf(rows.getString(1)), k -> new TreeMap<>()).put(status == null ? "" : status, rows.getLong(3));
      }
    }
    return counts;
  }

  private List<Resource> query(Transaction tx, String where, String... args) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT " + COLUMNS + " FROM resources WHERE " + where)) {
      for (int i = 0; i < args.length; i++) {
        p.setString(i + 1, args[i]);
      }
      List<Resource> items = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          items.add(read(rs));
        }
      }
      return items;
    }
  }

  private static Resource read(ResultSet rs) throws SQLException {
    ObjectNode attributes;
    try {
      attributes = (ObjectNode) JSON.readTree(rs.getString("attributes"));
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt attributes of " + rs.getString("arn"), e);
    }
    return new Resource(
        rs.getString("arn"),
        ResourceKind.valueOf(rs.getString("kind")),
        rs.getString("name"),
        Optional.ofNullable(rs.getString("parent_arn")),
        Optional.ofNullable(rs.getString("dataset_group_arn")),
        Optional.ofNullable(rs.getString("status")),
        Optional.ofNullable(rs.getString("failure_reason")),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        attributes);
  }

  private static void setOptional(PreparedStatement p, int index, Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      p.setString(index, value.get());
    } else {
      p.setNull(index, Types.VARCHAR);
    }
  }

  /** One page of resources and whether more follow. */
  public record Page(List<Resource> items, boolean more) {
    public Page {
      items = List.copyOf(items);
    }
  }

}
