package io.tastemaker.server.objects;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The length and CRC-32C of the bytes written to a temporary file, compared with what the file holds
 * before it is published, so that a torn or short write never lands under the real name.
 */
final class WriteCheck {
  private final CRC32C written = new CRC32C();
  private long length;

  /** A stream that counts and checksums what passes through it to {@code target}. */
  OutputStream wrap(OutputStream target) {
    return new FilterOutputStream(target) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        written.update(b);
        length++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written.update(b, off, len);
        length += len;
      }
    };
  }

  /** Reads the closed file back; fails, naming {@code name}, unless it holds exactly the bytes written. */
  void verify(Path file, String name) throws IOException {
    CRC32C read = new CRC32C();
    long readLength = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        read.update(buffer, 0, n);
        readLength += n;
      }
    }
    if (readLength != length || read.getValue() != written.getValue()) {
      throw new IOException(
          "the file written for " + name + " does not hold what was written (" + readLength + " bytes with CRC-32C " + Long.toHexString(read.getValue())
              + ", expected " + length + " bytes with " + Long.toHexString(written.getValue()) + "), so it was not published");
    }
  }
}
