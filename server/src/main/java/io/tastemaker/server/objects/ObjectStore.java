package io.tastemaker.server.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where bulk data lives: imported segments, trained models, batch files. Objects are immutable and
 * appear under their key only once complete, so a crash never leaves a half-written object in use.
 */
public interface ObjectStore {
  /** Starts an object; it is visible under {@code key} after {@link PendingObject#commit()}, never before. */
  PendingObject create(String key) throws IOException;

  /** Opens an object; {@link java.nio.file.NoSuchFileException} when there is none. */
  InputStream open(String key) throws IOException;

  boolean exists(String key) throws IOException;

  void delete(String key) throws IOException;

  /** Deletes every object whose key starts with {@code prefix}. */
  void deleteAll(String prefix) throws IOException;

  /** An object being written. Closing it without a commit throws the bytes away. */
  interface PendingObject extends AutoCloseable {
    OutputStream stream();

    /** Makes the object visible, durably. */
    void commit() throws IOException;

    @Override
    void close() throws IOException;
  }
}
