package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Reads a server's data directory from outside, read-only, while it runs: the event ids its database
 * holds, and the files of its object store that no resource refers to.
 */
final class StateAudit {
  private final Path dataDir;

  StateAudit(Path dataDir) {
    this.dataDir = dataDir;
  }

  private Connection open() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("tastemaker.db").toAbsolutePath(), config.toProperties());
  }

  /** The event ids stored for a dataset group. */
  Set<String> eventIds(String datasetGroupArn) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = open(); PreparedStatement q = c.prepareStatement("SELECT event_id FROM events WHERE dataset_group_arn = ?")) {
      q.setString(1, datasetGroupArn);
      try (ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  /** Files under {@code objects/} that no resource's attributes name (staging files included), with their sizes. */
  Map<String, Long> unreferencedObjects() throws SQLException, IOException {
    Set<String> named = new HashSet<>();
    try (Connection c = open(); Statement q = c.createStatement(); ResultSet rows = q.executeQuery("SELECT attributes FROM resources")) {
      while (rows.next()) {
        collectStrings(Json.parseStored(rows.getString(1)), named);
      }
    }
    Path root = dataDir.resolve("objects");
    Map<String, Long> unreferenced = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return unreferenced;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String key = root.relativize(file).toString().replace('\\', '/');
        if (!named.contains(key)) {
          unreferenced.put(key, Files.size(file));
        }
      }
    }
    return unreferenced;
  }

  private static void collectStrings(JsonNode node, Set<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.elements().forEachRemaining(child -> collectStrings(child, out));
  }
}
