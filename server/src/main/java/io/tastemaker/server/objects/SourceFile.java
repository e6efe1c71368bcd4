package io.tastemaker.server.objects;

import java.io.IOException;
import java.io.InputStream;

/**
 * One input file found at a data location.
 *
 * @param name its full location, as shown in messages ({@code s3://bucket/users.csv})
 * @param size its size in bytes
 * @param opener opens it for reading
 */
public record SourceFile(String name, long size, Opener opener) {
  /** Opens a source file. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  public InputStream open() throws IOException {
    return opener.open();
  }
}
