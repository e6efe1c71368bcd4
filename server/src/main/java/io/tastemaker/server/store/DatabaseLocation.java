package io.tastemaker.server.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the metadata lives: the embedded SQLite file in the data directory (the default), or a
 * PostgreSQL server named by its JDBC URL, with the user and password given apart from it or in it
 * ({@code ?user=...&password=...}, which the driver reads).
 *
 * @param jdbcUrl the server's {@code jdbc:postgresql://} URL; empty for the embedded database
 * @param user the user to connect as, when not in the URL
 * @param password the password, when not in the URL; never shown
 */
public record DatabaseLocation(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password) {
  private static final String POSTGRESQL = "jdbc:postgresql://";

  public DatabaseLocation {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (jdbcUrl.isPresent() && !jdbcUrl.get().startsWith(POSTGRESQL)) {
      throw new IllegalArgumentException("--database must be a " + POSTGRESQL + "host:port/database URL, got " + shown(jdbcUrl.get()));
    }
    if (jdbcUrl.isEmpty() && (user.isPresent() || password.isPresent())) {
      throw new IllegalArgumentException("a database user or password needs --database jdbc:postgresql://...");
    }
  }

  /** The embedded SQLite database in the data directory. */
  public static DatabaseLocation embedded() {
    return new DatabaseLocation(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A PostgreSQL server. */
  public static DatabaseLocation postgresql(String jdbcUrl, Optional<String> user, Optional<String> password) {
    return new DatabaseLocation(Optional.of(jdbcUrl), user, password);
  }

  public boolean embeddedDatabase() {
    return jdbcUrl.isEmpty();
  }

  /** The URL without its query (which may hold a password), for logs and messages. */
  public String describe() {
    return jdbcUrl.map(DatabaseLocation::shown).orElse("embedded SQLite");
  }

  private static String shown(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  @Override
  public String toString() {
    return describe();
  }
}
