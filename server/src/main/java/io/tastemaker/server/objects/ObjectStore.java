package io.tastemaker.server.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where bulk data lives: imported segments, trained models, batch files. Objects are immutable and
 * appear under their key only once complete, so a crash never leaves a half-written object in use.
 */
public interface ObjectStore {
  /** Starts an object; it is visible under {@code key} after {@link PendingObject#commit()}, never before. */
  PendingObject create(String key) throws IOException;

  /** Opens an object; {@link java.nio.file.NoSuchFileException} when there is none. */
  InputStream open(String key) throws IOException;

  /**
   * Reads and decodes a whole object. Any failure (no such object, a failed format check, an I/O
   * error) is a {@link DamagedObjectException} naming the file; the store logs each damaged object
   * once, not once per reader.
   */
  <T> T read(String key, Decoder<T> decoder);

  boolean exists(String key) throws IOException;

  void delete(String key) throws IOException;

  /** Deletes every object whose key starts with {@code prefix}. */
  void deleteAll(String prefix) throws IOException;

  /** The keys of every committed object, in no particular order. */
  List<String> keys() throws IOException;

  /** The size of an object in bytes, 0 when there is none. */
  long size(String key) throws IOException;

  /** Deletes what writers of a process that died left half-written; only before anything writes. */
  void discardUnfinished() throws IOException;

  /** Where the objects are, for people: {@code objects/} in the data directory, or {@code s3://bucket/prefix}. */
  String location();

  /**
   * Where another process (a Spark driver or executor) reads an object directly: a local file path
   * or an {@code s3://} URI; empty when it cannot.
   */
  default Optional<String> addressOf(String key) {
    return Optional.empty();
  }

  /** Why the store cannot be reached now ({@code /health}), in words; empty while it can. */
  Optional<String> unreachableReason();

  /** Decodes an object's bytes; {@code file} names the object for messages. */
  @FunctionalInterface
  interface Decoder<T> {
    T decode(InputStream in, String file) throws IOException;
  }

  /** An object being written. Closing it without a commit throws the bytes away. */
  interface PendingObject extends AutoCloseable {
    OutputStream stream();

    /** Makes the object visible, durably, after checking that the file holds exactly the bytes written. */
    void commit() throws IOException;

    @Override
    void close() throws IOException;
  }
}
