package io.tastemaker.server.objects;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client for {@code s3://} locations: AWS S3 by default, or any S3-compatible endpoint given
 * with {@code --s3-endpoint} or {@code TASTEMAKER_S3_ENDPOINT}. Credentials come from the standard
 * AWS environment variables, profile files and instance roles.
 */
public final class S3Access implements AutoCloseable {
  private final Optional<URI> endpoint;
  private S3Client client;

  public S3Access(Optional<URI> endpoint) {
    this.endpoint = endpoint;
  }

  /** The client, created on first use so that servers without S3 never look for credentials. */
  public synchronized S3Client client() {
    if (client == null) {
      String region =
          Optional.ofNullable(System.getenv("AWS_REGION"))
              .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")))
              .orElse("us-east-1");
      var builder =
          S3Client.builder()
              .region(Region.of(region))
              .credentialsProvider(DefaultCredentialsProvider.builder().build())
              .httpClient(UrlConnectionHttpClient.create());
      // Other S3 implementations rarely resolve bucket subdomains; path-style addressing works everywhere.
      endpoint.ifPresent(e -> builder.endpointOverride(e).forcePathStyle(true));
      client = builder.build();
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
