package io.tastemaker.server.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An object store in a folder of the data directory: objects are written to a temporary file,
 * forced to disk and renamed into place, so a reader sees a whole object or none.
 */
public final class LocalObjectStore implements ObjectStore {
  private final Path root;
  private final Path staging;

  public LocalObjectStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.staging = this.root.resolve(".staging");
    Files.createDirectories(staging);
  }

  private Path path(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || key.isEmpty() || key.startsWith(".staging")) {
      throw new IllegalArgumentException("invalid object key " + key);
    }
    return p;
  }

  @Override
  public PendingObject create(String key) throws IOException {
    Path target = path(key);
    Path temp = staging.resolve(UUID.randomUUID() + ".part");
    OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
}
