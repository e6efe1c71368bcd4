package io.tastemaker.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.objects.FreeSpace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/**
 * A real server on a free port with a fresh data directory, and SDK clients pointed at it. Its one
 * {@code --local-data} folder is the data directory's parent ({@link #localData()}): tests write the
 * files they import there, never into the data directory, which data locations cannot reach.
 */
public final class RunningServer implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIDTASTEMAKERTEST";
  public static final String SECRET_KEY = "test-secret-key";

  private final TastemakerServer server;
  private final ServerConfig config;

  private RunningServer(TastemakerServer server, ServerConfig config) {
    this.server = server;
    this.config = config;
  }

  /** A server whose data directory is {@code data} in a new temporary folder, which is its local data folder. */
  public static RunningServer start() throws Exception {
    return start(Files.createTempDirectory("tastemaker-it").resolve("data"));
  }

  /** {@link #start()} with its metadata in a new, empty database of this kind. */
  public static RunningServer start(TestDatabase database) throws Exception {
    return start(Files.createTempDirectory("tastemaker-it").resolve("data"), database);
  }

  /** {@link #start(Path)} with its metadata in a new, empty database of this kind. */
  public static RunningServer start(Path dataDir, TestDatabase database) throws Exception {
    return start(config(dataDir).withDatabase(database.fresh()));
  }

  /** A server on this data directory, whose parent folder is its local data folder. */
  public static RunningServer start(Path dataDir) throws Exception {
    return start(config(dataDir));
  }

  public static RunningServer start(ServerConfig config) throws Exception {
    return new RunningServer(TastemakerServer.start(config), config);
  }

  /** {@link #start(ServerConfig)} on a clock the test moves ({@link MovableClock}). */
  public static RunningServer start(ServerConfig config, java.time.Clock clock) throws Exception {
    return new RunningServer(TastemakerServer.start(config, FreeSpace.of(config.dataDir().toAbsolutePath()), clock), config);
  }

  /** {@link #start(ServerConfig)} on a disk whose free space {@code freeSpace} reports. */
  public static RunningServer start(ServerConfig config, FreeSpace freeSpace) throws Exception {
    return new RunningServer(TastemakerServer.start(config, freeSpace), config);
  }

  /** The defaults on port 0, with the data directory's parent as the one local data folder. */
  public static ServerConfig config(Path dataDir) {
    Path absolute = dataDir.toAbsolutePath();
    return ServerConfig.defaults(absolute).withPort(0).withLocalDataRoots(List.of(absolute.getParent()));
  }

  /** A server that requires SigV4 with the test access key. */
  public static RunningServer startWithCredentials() throws Exception {
    return start(withCredentials(config(Files.createTempDirectory("tastemaker-it").resolve("data"))));
  }

  /** The configuration with the test access key required; the key file lives in the data directory. */
  public static ServerConfig withCredentials(ServerConfig config) throws java.io.IOException {
    Path credentials = Files.createDirectories(config.dataDir()).resolve("credentials");
    Files.writeString(credentials, "# test keys\n" + ACCESS_KEY + " " + SECRET_KEY + "\n");
    return config.withCredentials(java.util.Optional.of(credentials));
  }

  public URI endpoint() {
    return server.endpoint();
  }

  /** Calls an operation in-process and returns the whole answer, members the SDKs do not model included. */
  public JsonNode call(String operation, ObjectNode input) {
    return server.localApi().call(operation, input);
  }

  public Path dataDir() {
    return config.dataDir();
  }

  /** The server's first local data folder, where tests put the files they import. */
  public Path localData() {
    return config.localDataRoots().get(0);
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
