package io.tastemaker.server.objects;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads how many bytes the data directory's disk has free for this process; tests stand in a nearly full disk. */
@FunctionalInterface
public interface FreeSpace {
  long freeBytes() throws IOException;

  /** The usable space of the file store that holds {@code folder}. */
  static FreeSpace of(Path folder) {
    return new OfFileStore(folder);
  }

  /** A folder's file store, found once (that reads the mount table), then asked for its usable space each time (one system call). */
  final class OfFileStore implements FreeSpace {
    private final Path folder;
    private volatile FileStore store;

    private OfFileStore(Path folder) {
      this.folder = folder;
    }

    @Override
    public long freeBytes() throws IOException {
      FileStore found = store;
      if (found == null) {
        found = Files.getFileStore(folder);
        store = found;
      }
      return found.getUsableSpace();
    }
  }
}
