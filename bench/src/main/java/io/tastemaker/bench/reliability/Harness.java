package io.tastemaker.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The setting of one reliability run: a fresh temporary folder holding the data directory, a
 * generated access key file and the server's log, and the server JVM started on them.
 */
final class Harness implements AutoCloseable {
  private final Path jar;
  private final Path dir;
  private final AccessKey key;
  private final Path credentials;
  private ServerJvm server;

  private Harness(Path jar, Path dir, AccessKey key, Path credentials) {
    this.jar = jar;
    this.dir = dir;
    this.key = key;
    this.credentials = credentials;
  }

  /** A new folder and key for a run named {@code name}; no server yet. */
  static Harness create(Path jar, String name) throws IOException {
    Path dir = Files.createTempDirectory("tastemaker-" + name + "-");
    AccessKey key = AccessKey.generate();
    return new Harness(jar, dir, key, key.write(dir.resolve("credentials")));
  }

  Path dir() {
    return dir;
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  AccessKey key() {
    return key;
  }

  ServerLog log() {
    return new ServerLog(dir.resolve("server.log"));
  }

  /** Starts the server on the data directory (again, after a kill). */
  ServerJvm start() throws IOException, InterruptedException {
    if (server != null && server.isAlive()) {
      throw new IllegalStateException("the server is already running");
    }
    server = ServerJvm.start(jar, dataDir(), credentials, dir.resolve("server.log"));
    return server;
  }

  ServerJvm server() {
    return server;
  }

  Clients clients() {
    return Clients.of(server.endpoint(), key);
  }

  /** Stops the server and deletes the folder, unless {@code keep} (a run that found faults keeps its evidence). */
  void finish(boolean keep) throws IOException, InterruptedException {
    close();
    if (keep) {
      System.out.println("The run's data directory and server log are kept in " + dir);
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.close();
    }
  }
}
