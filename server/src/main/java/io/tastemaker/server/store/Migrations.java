package io.tastemaker.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, applied in order and recorded in {@code schema_migrations}.
 *
 * <p>A migration is a SQL file beside this class; a new one is appended to {@link #SCRIPTS} and never
 * edited once released. A database newer than this code is refused rather than misread.
 */
final class Migrations {
  static final List<String> SCRIPTS = List.of("V1__resources_tags_jobs.sql", "V2__events_records.sql", "V3__events_by_user.sql", "V4__job_leases.sql", "V5__replica_changes.sql");

  private Migrations() {}

  static Void apply(Transaction tx) throws SQLException {
    Connection c = tx.connection();
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
    }
    int current = currentVersion(c);
    if (current > SCRIPTS.size()) {
      throw new IllegalStateException(
          "the database is at schema version " + current + ", newer than this Tastemaker (" + SCRIPTS.size() + "); upgrade Tastemaker");
    }
    for (int version = current + 1; version <= SCRIPTS.size(); version++) {
      String script = SCRIPTS.get(version - 1);
      try (Statement s = c.createStatement()) {
        for (String statement : statements(read(script))) {
          s.executeUpdate(statement);
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_migrations (version, script, applied_at) VALUES (?, ?, ?)")) {
        p.setInt(1, version);
        p.setString(2, script);
        p.setLong(3, System.currentTimeMillis());
        p.executeUpdate();
      }
    }
    return null;
  }

  private static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_migrations")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  static List<String> statements(String sql) {
    StringBuilder clean = new StringBuilder();
    for (String line : sql.split("\n")) {
      String stripped = line.strip();
      if (!stripped.startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(clean.toString().split(";"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
