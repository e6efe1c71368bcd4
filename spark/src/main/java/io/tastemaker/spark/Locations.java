package io.tastemaker.spark;

import io.tastemaker.s3.S3Settings;
import io.tastemaker.s3.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the files a job names, local paths and {@code s3://} objects alike, with the AWS SDK (no
 * Hadoop file system): their sizes, and their bytes from an offset on.
 */
final class Locations {
  private Locations() {}

  /** The size of a file; {@link NoSuchFileException} naming it when there is none. */
  static long size(String location, S3Settings s3) throws IOException {
    if (!S3Uri.isS3(location)) {
      Path path = Path.of(location);
      if (!Files.isRegularFile(path)) {
        throw new NoSuchFileException(location);
      }
      return Files.size(path);
    }
    S3Uri uri = S3Uri.parse(location);
    try {
      return ExecutorS3.client(s3).headObject(r -> r.bucket(uri.bucket()).key(uri.key())).contentLength();
    } catch (SdkException e) {
      if (notFound(e)) {
        throw new NoSuchFileException(location);
      }
      throw new IOException("Cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  /** The bytes of a file from {@code offset} to its end (closing the stream early stops the download). */
  static InputStream openFrom(String location, long offset, S3Settings s3) throws IOException {
    if (!S3Uri.isS3(location)) {
      FileChannel channel = FileChannel.open(Path.of(location), StandardOpenOption.READ);
      channel.position(offset);
      return Channels.newInputStream(channel);
    }
    S3Uri uri = S3Uri.parse(location);
    try {
      ResponseInputStream<GetObjectResponse> response =
          ExecutorS3.client(s3).getObject(r -> r.bucket(uri.bucket()).key(uri.key()).range(offset == 0 ? null : "bytes=" + offset + "-"));
      return new java.io.FilterInputStream(response) {
        @Override
        public void close() throws IOException {
          // Drops the connection instead of reading the rest of a large object to reuse it.
          response.abort();
          response.close();
        }
      };
    } catch (SdkException e) {
      if (notFound(e)) {
        throw new NoSuchFileException(location);
      }
      throw new IOException("Cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  private static boolean notFound(SdkException e) {
    return e instanceof NoSuchKeyException || (e instanceof S3Exception s && s.statusCode() == 404);
  }
}
