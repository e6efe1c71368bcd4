package io.tastemaker.server.objects;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An object store in a folder of the data directory: objects are written to a temporary file,
 * checked against the bytes written, forced to disk and renamed into place, so a reader sees a whole
 * object or none.
 */
public final class LocalObjectStore implements ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(LocalObjectStore.class);
  private static final String STAGING = ".staging";
  private static final int BUFFER = 1 << 16;

  private final Path root;
  private final Path staging;
  private final DamageReports damage = new DamageReports(LOG);

  public LocalObjectStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.staging = this.root.resolve(STAGING);
    Files.createDirectories(staging);
  }

  private Path path(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || key.isEmpty() || key.startsWith(STAGING)) {
      throw new IllegalArgumentException("invalid object key " + key);
    }
    return p;
  }

  /** The file that holds an object, for a process on this machine that reads it directly (a Spark driver or executor). */
  public Path fileOf(String key) {
    return path(key);
  }

  @Override
  public Optional<String> addressOf(String key) {
    return Optional.of(fileOf(key).toAbsolutePath().toString());
  }

  /** How messages name an object: its path in the data directory, such as {@code objects/models/s/1.model}. */
  private String file(String key) {
    return root.getFileName() + "/" + key;
  }

  @Override
  public PendingObject create(String key) throws IOException {
    Path target = path(key);
    // The folder may have been removed under a running server; writing recreates it.
    Files.createDirectories(staging);
    Path temp = staging.resolve(UUID.randomUUID() + ".part");
    WriteCheck check = new WriteCheck();
    OutputStream out = new BufferedOutputStream(check.wrap(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)), BUFFER);
    return new PendingObject() {
      private boolean done;

      @Override
      public OutputStream stream() {
        return out;
      }

      @Override
      public void commit() throws IOException {
        out.close();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        check.verify(temp, file(key));
        Files.createDirectories(target.getParent());
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
      }

      @Override
      public void close() throws IOException {
        if (!done) {
          out.close();
          Files.deleteIfExists(temp);
        }
      }
    };
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(path(key));
  }

  @Override
  public <T> T read(String key, Decoder<T> decoder) {
    return damage.decode(key, file(key), () -> open(key), decoder);
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  @Override
  public void deleteAll(String prefix) throws IOException {
    Path base = path(prefix);
    if (!Files.exists(base)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(base)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public List<String> keys() throws IOException {
    return keysIn(root);
  }

  /** The keys of the committed objects in an object store folder, without opening it as a store. */
  public static List<String> keysIn(Path folder) throws IOException {
    Path root = folder.toAbsolutePath().normalize();
    Path staging = root.resolve(STAGING);
    List<String> keys = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return keys;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        return dir.equals(staging) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (attributes.isRegularFile()) {
          keys.add(root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        // A file or folder deleted while the store is walked is simply no longer there.
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return keys;
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return Files.size(path(key));
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  @Override
  public String location() {
    return root.getFileName() + "/";
  }

  /** The folder is on the data directory's disk, whose free space {@link DiskSpace} reports; it is always there. */
  @Override
  public Optional<String> unreachableReason() {
    return Optional.empty();
  }

  @Override
  public void discardUnfinished() throws IOException {
    if (!Files.isDirectory(staging)) {
      return;
    }
    try (Stream<Path> files = Files.list(staging)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
