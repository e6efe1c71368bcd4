package io.tastemaker.server.objects;

import io.tastemaker.s3.S3Settings;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client for {@code s3://} locations: AWS S3 by default, or any S3-compatible endpoint given
 * with {@code --s3-endpoint} or {@code TASTEMAKER_S3_ENDPOINT}. Credentials come from the standard
 * AWS environment variables, profile files and instance roles.
 */
public final class S3Access implements AutoCloseable {
  private final S3Settings settings;
  private S3Client client;

  public S3Access(Optional<URI> endpoint) {
    this.settings = S3Settings.of(endpoint);
  }

  /** The endpoint and region, for another process (the Spark application) to reach the same S3. */
  public S3Settings settings() {
    return settings;
  }

  /** The client, created on first use so that servers without S3 never look for credentials. */
  public synchronized S3Client client() {
    if (client == null) {
      client = settings.client();
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
