package io.tastemaker.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream whose close only flushes, so that a writer that closes what it writes to (a gzip stream)
 * leaves the caller's stream open: an object store commits it afterwards.
 */
public final class UnclosedOutputStream extends FilterOutputStream {
  public UnclosedOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    // FilterOutputStream would write one byte at a time.
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
