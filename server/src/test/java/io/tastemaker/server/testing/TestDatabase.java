package io.tastemaker.server.testing;

import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.DatabaseLocation;
import java.nio.file.Path;

/** The databases the store runs on, for tests parameterised over both. */
public enum TestDatabase {
  /** The embedded default, a file in the data directory. */
  SQLITE,
  /** A new database of this JVM's throwaway cluster ({@link PostgresCluster}). */
  POSTGRESQL;

  /** Where a new, empty database is: the embedded one, or a new database of the test cluster. */
  public DatabaseLocation fresh() {
    return this == SQLITE ? DatabaseLocation.embedded() : PostgresCluster.shared().newDatabase();
  }

  /** Opens (and migrates) the database at {@code location}; an embedded one lives in {@code dataDir}. */
  public static Database open(Path dataDir, DatabaseLocation location) {
    return location.embeddedDatabase() ? Database.openEmbedded(dataDir) : Database.openPostgresql(location);
  }
}
