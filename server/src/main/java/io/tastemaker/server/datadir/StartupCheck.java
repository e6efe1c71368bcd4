package io.tastemaker.server.datadir;

import io.tastemaker.server.objects.LocalObjectStore;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.DatabaseLocation;
import java.io.IOException;
import java.nio.file.Files;
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
    return open(dataDir, new LocalObjectStore(dataDir.resolve(OBJECTS)), DatabaseLocation.embedded());
  }

  /**
   * {@link #open(Path)} with the objects in {@code store}, such as an S3 bucket, and the database
   * {@code location} names, the embedded file or a PostgreSQL server: a database that does not
   * describe the objects is refused the same way.
   */
  public static Database open(Path dataDir, ObjectStore store, DatabaseLocation location) throws IOException {
    List<String> keys = store.keys();
    Place objects = new Place(store, !(store instanceof LocalObjectStore));
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

  private static Database checked(Database db, Path dataDir, Place objects, List<String> keys, String database) throws IOException {
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

  /** The object store as the refusal names it; a remote one (S3) is advised about differently from the data directory's folder. */
  private record Place(ObjectStore store, boolean remote) {}

  private static DataDirectoryMismatch refuse(Path dataDir, Place objects, List<String> keys, String what) throws IOException {
    long bytes = 0;
    for (String key : keys) {
      // 0 for an object deleted since it was listed
      bytes += objects.store().size(key);
    }
    String found = objects(keys.size()) + " (" + String.format("%.1f MB", bytes / 1e6) + ")";
    String refusal = ": the database that describes them was lost or replaced. Tastemaker will not start empty over"
        + " existing data (it would show no resources, then delete the objects as unreferenced). ";
    if (objects.remote()) {
      return new DataDirectoryMismatch(
          "The object store " + objects.store().location() + " holds " + found + ", but " + (what.startsWith("its database ") ? "in the data directory " + dataDir.toAbsolutePath() + " " : "")
              + what + refusal + "Start with the data directory whose database belongs to these objects,"
              + " or, to start empty on purpose, give --object-store a prefix that holds no objects.");
    }
    return new DataDirectoryMismatch(
        "The data directory " + dataDir.toAbsolutePath() + " holds " + found + " in objects/, but " + what + refusal + "Restore "
            + (what.startsWith("its database ") ? Database.FILE_NAME : "the database") + " and objects/ together"
            + " from a backup (see 'Backup and restore' in the README), or, to start empty on purpose, move objects/ out of the data directory first.");
  }
}
