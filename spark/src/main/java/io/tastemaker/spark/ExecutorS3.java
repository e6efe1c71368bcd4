package io.tastemaker.spark;

import io.tastemaker.s3.S3Settings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 clients of a JVM (driver or executor), one per settings, shared by its tasks and kept for its life. */
final class ExecutorS3 {
  private static final Map<S3Settings, S3Client> CLIENTS = new ConcurrentHashMap<>();

  private ExecutorS3() {}

  static S3Client client(S3Settings settings) {
    return CLIENTS.computeIfAbsent(settings, S3Settings::client);
  }
}
