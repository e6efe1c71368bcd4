package io.tastemaker.server.datadir;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.FormatException;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.sqlite.SQLiteConnection;

/**
 * A consistent copy of a data directory, taken while a server runs on it ({@code tastemaker backup}).
 *
 * <p>SQLite's online backup API copies the database in one step, which reads one snapshot while the
 * server goes on writing (in WAL mode readers do not block writers). Then every object that snapshot
 * references is hard-linked into the copy where the file system allows, copied otherwise: objects
 * are never changed once written by the server, so a link survives the database or the object being
 * deleted; it shares the file's bytes, though, so {@code copy} asks for copies that also survive
 * the bytes being damaged in place or the disk failing. Each object
 * is checked against its header and checksum. An object the server deleted after the snapshot (a
 * FULL import replacing segments) makes the backup start over, at most {@value #ATTEMPTS} times. The
 * copy is built in a hidden folder beside the destination and renamed into place when complete, so
 * the destination holds a whole backup or nothing.
 */
public final class Backup {
  private static final int ATTEMPTS = 3;
  /** How long SQLite waits for a lock per try, and how many tries the backup makes. */
  private static final int BUSY_SLEEP_MILLIS = 100;
  private static final int BUSY_TRIES = 600;

  /**
   * What was backed up.
   *
   * @param databaseBytes the size of the copied database file
   * @param resources resources in the copied database
   * @param events streamed events in the copied database
   * @param objects objects copied
   * @param objectBytes their total size
   * @param linked whether the objects were hard-linked rather than copied
   * @param damaged objects that are missing or damaged in the data directory itself, with what is wrong
   */
  public record Result(long databaseBytes, long resources, long events, int objects, long objectBytes, boolean linked, List<String> damaged) {
    public Result {
      damaged = List.copyOf(damaged);
    }
  }

  private final Path dataDir;
  private final Path destination;
  private final boolean copy;

  /** @param copy copy every object, even where a hard link could share it */
  public Backup(Path dataDir, Path destination, boolean copy) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.destination = destination.toAbsolutePath().normalize();
    this.copy = copy;
  }

  /** Takes the backup; the destination must not exist or be an empty folder. */
  public Result run() throws IOException, SQLException {
    Path database = dataDir.resolve(Database.FILE_NAME);
    if (!Files.isRegularFile(database) || Files.size(database) == 0) {
      throw new IOException("There is no database to back up at " + database + "; give the server's data directory with --data-dir.");
    }
    if (destination.startsWith(dataDir)) {
      throw new IOException("The backup destination " + destination + " lies inside the data directory " + dataDir + "; give a folder outside it.");
    }
    if (Files.exists(destination) && !isEmptyFolder(destination)) {
      throw new IOException("The backup destination " + destination + " already exists and is not an empty folder; give a new folder.");
    }
    Files.createDirectories(destination.getParent());
    Path partial = destination.resolveSibling("." + destination.getFileName() + ".partial-" + UUID.randomUUID());
    try {
      Pass pass = null;
      for (int attempt = 1; attempt <= ATTEMPTS && (pass == null || pass.missing() > 0); attempt++) {
        deleteTree(partial);
        Files.createDirectories(partial);
        pass = attempt(database, partial);
      }
      Files.deleteIfExists(destination);
      Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE);
      return pass.result();
    } finally {
      deleteTree(partial);
    }
  }

  /** One pass and how many referenced objects it did not find. */
  private record Pass(Result result, int missing) {}

  /** One pass: the database snapshot, then the objects it references. */
  private Pass attempt(Path database, Path partial) throws IOException, SQLException {
    Path databaseCopy = partial.resolve(Database.FILE_NAME);
    onlineBackup(database, databaseCopy);
    ObjectReferences references;
    long events;
    try (Database copied = Database.openEmbedded(partial)) {
      references = copied.read(ObjectReferences::read);
      events = copied.read(EventLog::count);
    }
    List<String> damaged = new ArrayList<>();
    int missing = 0;
    boolean linked = !this.copy;
    long bytes = 0;
    for (String key : references.referenced().stream().sorted().toList()) {
      Path source = dataDir.resolve(StartupCheck.OBJECTS).resolve(key);
      Path target = partial.resolve(StartupCheck.OBJECTS).resolve(key);
      Files.createDirectories(target.getParent());
      try {
        linked = linked && link(source, target);
        if (!linked) {
          copy(source, target);
        }
      } catch (NoSuchFileException e) {
        damaged.add(StartupCheck.OBJECTS + "/" + key + " is missing");
        missing++;
        continue;
      }
      bytes += Files.size(target);
      check(target, key).ifPresent(damaged::add);
    }
    Result result = new Result(Files.size(databaseCopy), references.resources(), events, references.referenced().size() - missing, bytes, linked, damaged);
    return new Pass(result, missing);
  }

  /** SQLite's online backup of the whole database in one step, so the copy is one snapshot. */
  private static void onlineBackup(Path database, Path copy) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      connection.unwrap(SQLiteConnection.class).getDatabase().backup("main", copy.toString(), null, BUSY_SLEEP_MILLIS, BUSY_TRIES, -1);
    }
  }

  /** Hard-links {@code target} to {@code source}; false when this file system cannot, so the caller copies. */
  private static boolean link(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    } catch (NoSuchFileException e) {
      throw e;
    } catch (FileSystemException e) {
      // Another file system (EXDEV) or one without links: copy instead.
      return false;
    }
  }

  private static void copy(Path source, Path target) throws IOException {
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** What is wrong with a copied object, judged by its header and checksum; empty when it is whole. */
  private static Optional<String> check(Path file, String key) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      BinaryReader.check(in, StartupCheck.OBJECTS + "/" + key);
      return Optional.empty();
    } catch (FormatException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static boolean isEmptyFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
