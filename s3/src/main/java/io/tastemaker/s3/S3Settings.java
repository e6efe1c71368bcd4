package io.tastemaker.s3;

import java.io.Serializable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach S3: AWS S3 in a region, or any S3-compatible endpoint (path-style addressing).
 * Credentials are not part of it: they come from the standard AWS environment variables, system
 * properties, profile files and instance roles of the process that builds the client. Serializable,
 * so that a Spark application can hand it to its executors.
 *
 * @param endpoint the endpoint URI, or null for AWS S3
 * @param region the signing region
 */
public record S3Settings(String endpoint, String region) implements Serializable {
  public S3Settings {
    Objects.requireNonNull(region, "region");
    if (endpoint != null) {
      URI.create(endpoint);
    }
  }

  /** The settings of this process: an endpoint if given, the region of {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}, else us-east-1. */
  public static S3Settings of(Optional<URI> endpoint) {
    String region = Optional.ofNullable(System.getenv("AWS_REGION")).or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION"))).orElse("us-east-1");
    return new S3Settings(endpoint.map(URI::toString).orElse(null), region);
  }

  public Optional<URI> endpointUri() {
    return Optional.ofNullable(endpoint).map(URI::create);
  }

  /**
   * The credentials this process would sign with, as the standard environment variables, for a
   * child process (the Spark application) that must reach the same buckets; resolved now.
   */
  public static Map<String, String> credentialsEnvironment() {
    AwsCredentials credentials = DefaultCredentialsProvider.builder().build().resolveCredentials();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    if (credentials instanceof AwsSessionCredentials session) {
      environment.put("AWS_SESSION_TOKEN", session.sessionToken());
    }
    return environment;
  }

  /** A new client; the caller closes it. */
  public S3Client client() {
    var builder = S3Client.builder()
        .region(Region.of(region))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClient(UrlConnectionHttpClient.create());
    // Other S3 implementations rarely resolve bucket subdomains; path-style addressing works everywhere.
    endpointUri().ifPresent(e -> builder.endpointOverride(e).forcePathStyle(true));
    return builder.build();
  }
}
