package io.tastemaker.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags of resources, by ARN. */
public final class TagStore {

  /** The tags of a resource, ordered by key. */
  public Map<String, String> tags(Transaction tx, String arn) throws SQLException {
    Map<String, String> tags = new LinkedHashMap<>();
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT tag_key, tag_value FROM tags WHERE arn = ? ORDER BY tag_key")) {
      p.setString(1, arn);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          tags.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return tags;
  }

  /** Adds or replaces tags by key. */
  public void put(Transaction tx, String arn, Map<String, String> tags) throws SQLException {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      remove(tx, arn, tag.getKey());
      try (PreparedStatement p = tx.connection().prepareStatement("INSERT INTO tags (arn, tag_key, tag_value) VALUES (?, ?, ?)")) {
        p.setString(1, arn);
        p.setString(2, tag.getKey());
        p.setString(3, tag.getValue());
        p.executeUpdate();
      }
    }
  }

  public void remove(Transaction tx, String arn, String key) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("DELETE FROM tags WHERE arn = ? AND tag_key = ?")) {
      p.setString(1, arn);
      p.setString(2, key);
      p.executeUpdate();
    }
  }
}
