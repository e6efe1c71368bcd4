package io.tastemaker.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/** A real server on a free port with a fresh data directory, and SDK clients pointed at it. */
public final class RunningServer implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIDTASTEMAKERTEST";
  public static final String SECRET_KEY = "test-secret-key";

  private final TastemakerServer server;
  private final Path dataDir;

  private RunningServer(TastemakerServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  public static RunningServer start() throws Exception {
    return start(Files.createTempDirectory("tastemaker-it"));
  }

  public static RunningServer start(Path dataDir) throws Exception {
    return start(ServerConfig.defaults(dataDir).withPort(0));
  }

  public static RunningServer start(ServerConfig config) throws Exception {
    return new RunningServer(TastemakerServer.start(config), config.dataDir());
  }

  /** A server that requires SigV4 with the test access key. */
  public static RunningServer startWithCredentials() throws Exception {
    Path dataDir = Files.createTempDirectory("tastemaker-it");
    Path credentials = dataDir.resolve("credentials");
    Files.writeString(credentials, "# test keys\n" + ACCESS_KEY + " " + SECRET_KEY + "\n");
    return start(ServerConfig.defaults(dataDir).withPort(0).withCredentials(java.util.Optional.of(credentials)));
  }

  public URI endpoint() {
    return server.endpoint();
  }

  /** Calls an operation in-process and returns the whole answer, members the SDKs do not model included. */
  public JsonNode call(String operation, ObjectNode input) {
    return server.localApi().call(operation, input);
  }

  public Path dataDir() {
    return dataDir;
  }

  public PersonalizeClient personalize() {
    return PersonalizeClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public PersonalizeRuntimeClient runtime() {
    return PersonalizeRuntimeClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public PersonalizeEventsClient events() {
    return PersonalizeEventsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
