package io.tastemaker.server.datadir;

import io.tastemaker.server.objects.LocalObjectStore;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.DatabaseLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a data directory's database only when it and the objects beside it belong together. Objects
 * with no database, an empty one, one without resources, or one that knows none of them mean the
 * database was lost or swapped: starting would show an empty server and then sweep the objects away
 * as unreferenced, so the start is refused, naming what was found and what to do.
 */
public final class StartupCheck {
  /** The object store's folder in the data directory. */
  public static final String OBJECTS = "objects";

  private StartupCheck() {}

  /**
   * Checks the data directory and opens its database (which runs SQLite's quick_check).
   *
   * @throws DataDirectoryMismatch when the objects have no database that describes them
   */
  public static Database open(Path dataDir) throws IOException {
    return open(dataDir, DatabaseLocation.embedded());
  }

  /**
   * Checks the data directory and opens its database, the embedded file or the PostgreSQL server
   * {@code location} names; a server database that knows none of the objects is refused alike.
   */
  public static Database open(Path dataDir, DatabaseLocation location) throws IOException {
    Path objects = dataDir.resolve(OBJECTS);
    List<String> keys = LocalObjectStore.keysIn(objects);
    if (!location.embeddedDatabase()) {
      return checked(Database.openPostgresql(location), dataDir, objects, keys, "the database " + location.describe());
    }
    Path file = dataDir.resolve(Database.FILE_NAME);
    if (!keys.isEmpty() && !Files.exists(file)) {
      throw refuse(dataDir, objects, keys, "its database " + Database.FILE_NAME + " is missing");
    }
    if (!keys.isEmpty() && Files.size(file) == 0) {
      throw refuse(dataDir, objects, keys, "its database " + Database.FILE_NAME + " is empty (0 bytes)");
    }
    return checked(Database.openEmbedded(dataDir), dataDir, objects, keys, "its database " + Database.FILE_NAME);
  }

  private static Database checked(Database db, Path dataDir, Path objects, List<String> keys, String database) throws IOException {
    try {
      if (!keys.isEmpty()) {
        ObjectReferences references = db.read(ObjectReferences::read);
        if (references.resources() == 0) {
          throw refuse(dataDir, objects, keys, database + " holds no resources");
        }
        if (keys.stream().noneMatch(references::belongsToAResource)) {
          throw refuse(dataDir, objects, keys,
              database + " knows none of them (it describes " + objects(references.referenced().size()) + " elsewhere)");
        }
      }
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static String objects(int count) {
    return count == 1 ? "1 object" : count + " objects";
  }

  private static DataDirectoryMismatch refuse(Path dataDir, Path objects, List<String> keys, String what) throws IOException {
    long bytes = 0;
    for (String key : keys) {
      try {
        bytes += Files.size(objects.resolve(key));
      } catch (NoSuchFileException e) {
        // deleted since it was listed
      }
    }
    return new DataDirectoryMismatch(
        "The data directory " + dataDir.toAbsolutePath() + " holds " + objects(keys.size()) + " (" + String.format("%.1f MB", bytes / 1e6)
            + ") in objects/, but " + what + ": the database that describes them was lost or replaced. Tastemaker will not start empty over"
            + " existing data (it would show no resources, then delete the objects as unreferenced). Restore " + (what.startsWith("its database ") ? Database.FILE_NAME : "the database") + " and objects/ together"
            + " from a backup (see 'Backup and restore' in the README), or, to start empty on purpose, move objects/ out of the data directory first.");
  }
}
