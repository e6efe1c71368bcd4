package io.tastemaker.spark;

import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.s3.S3Settings;
import io.tastemaker.s3.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A {@code .out} file the driver joins from its parts, published whole or not at all, as the
 * server's in-process job publishes it: in a local folder it is written as {@code
 * .<name>.writing}, forced to disk and moved into place; on S3 it is written to a local temporary
 * file and put as one object, which S3 shows only once complete.
 */
final class OutputFile {
  private OutputFile() {}

  /** Joins the parts {@code 0 .. parts-1} in order into {@code folder/name}; returns the number of lines. */
  static long join(PartFolder folder, int parts, String outputFolder, String name, S3Settings s3) throws IOException {
    boolean onS3 = S3Uri.isS3(outputFolder);
    Path unfinished = onS3 ? Files.createTempFile("tastemaker-output-", ".out") : Path.of(outputFolder).resolve(BatchJobDescription.FileJob.unfinishedName(name));
    try {
      long lines = 0;
      Files.deleteIfExists(unfinished);
      try (FileChannel channel = FileChannel.open(unfinished, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < parts; i++) {
          try (InputStream in = folder.open(i)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
              out.write(buffer, 0, n);
              for (int b = 0; b < n; b++) {
                if (buffer[b] == '\n') {
                  lines++;
                }
              }
            }
          }
        }
        out.flush();
        channel.force(true);
      }
      if (onS3) {
        S3Uri target = S3Uri.parse(outputFolder).child(name);
        try {
          ExecutorS3.client(s3).putObject(r -> r.bucket(target.bucket()).key(target.key()), RequestBody.fromFile(unfinished));
        } catch (SdkException e) {
          throw new IOException("Cannot upload " + target + ": " + e.getMessage(), e);
        }
      } else {
        Files.move(unfinished, Path.of(outputFolder).resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      return lines;
    } finally {
      Files.deleteIfExists(unfinished);
    }
  }
}
