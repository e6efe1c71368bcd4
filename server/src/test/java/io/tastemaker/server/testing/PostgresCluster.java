package io.tastemaker.server.testing;

import io.tastemaker.server.store.DatabaseLocation;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: Debian's {@code postgresql} package ({@code initdb} and
 * {@code pg_ctl} under {@code /usr/lib/postgresql/VERSION/bin}) run into a temporary folder on a free
 * loopback port, started once per test JVM and stopped when it exits. PostgreSQL refuses to run as
 * root, so under root (as CI may run) the cluster belongs to {@code nobody} and its commands run through
 * {@code runuser}. Each test takes a new, empty database of it ({@link #newDatabase}).
 */
public final class PostgresCluster {
  /** The cluster's superuser; connections from loopback are trusted. */
  public static final String USER = "tastemaker";
  private static final String UNPRIVILEGED = "nobody";
  private static PostgresCluster shared;

  private final Path bin;
  private final Path folder;
  private final int port;
  private final boolean root;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresCluster(Path bin, Path folder, int port, boolean root) {
    this.bin = bin;
    this.folder = folder;
    this.port = port;
    this.root = root;
  }

  /** The cluster of this JVM, started on first use. */
  public static synchronized PostgresCluster shared() {
    if (shared == null) {
      try {
        shared = start(false);
      } catch (IOException e) {
        throw new IllegalStateException("could not start the test PostgreSQL cluster: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the test PostgreSQL cluster", e);
      }
      PostgresCluster cluster = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "postgres-cluster-stop"));
    }
    return shared;
  }

  /**
   * Initialises and starts a cluster; {@code durable} keeps PostgreSQL's defaults (every commit
   * flushed, as SQLite's {@code synchronous=FULL} does), else commits are not flushed, which tests
   * need no more than a crash-safe temp folder.
   */
  static PostgresCluster start(boolean durable) throws IOException, InterruptedException {
    Path bin = binaries();
    boolean root = "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
    Path folder = Files.createTempDirectory("tastemaker-postgres");
    if (root) {
      UserPrincipal nobody = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED);
      Files.setOwner(folder, nobody);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PostgresCluster cluster = new PostgresCluster(bin, folder, port, root);
    cluster.run("initdb", "-D", folder.resolve("data").toString(), "-U", USER, "--auth=trust", "--locale=C", "--encoding=UTF8", "--no-sync");
    String settings = "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c max_connections=200"
        + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    cluster.run("pg_ctl", "-D", folder.resolve("data").toString(), "-l", folder.resolve("log").toString(), "-w", "-t", "60", "-o", settings, "start");
    return cluster;
  }

  /** The newest {@code bin} folder of Debian's PostgreSQL packages. */
  private static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    Optional<Path> newest = Optional.empty();
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        newest = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
      }
    }
    return newest.orElseThrow(() -> new IOException(
        "no initdb and pg_ctl under /usr/lib/postgresql/*/bin; install Debian's postgresql package (.ci/run does)"));
  }

  private static Integer versionOf(String folder) {
    return folder.matches("\\d+") ? Integer.valueOf(folder) : -1;
  }

  /** A new, empty database of the cluster, with its user in the URL. */
  public DatabaseLocation newDatabase() {
    String name = "tastemaker_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"));
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
    }
    return DatabaseLocation.postgresql(url(name), Optional.empty(), Optional.empty());
  }

  /** The JDBC URL of a database of the cluster, as {@code --database} takes it. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
  }

  private void run(String command, String... args) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (root) {
      line.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
    }
    line.add(bin.resolve(command).toString());
    line.addAll(List.of(args));
    Path output = Files.createTempFile("tastemaker-postgres-" + command, ".log");
    try {
      Process process = new ProcessBuilder(line).directory(folder.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", line) + " failed (exit " + process.exitValue() + "): " + Files.readString(output).strip());
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Stops the cluster at once (its data is thrown away) and deletes its folder. */
  public void stop() {
    try {
      run("pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } catch (IOException e) {
      System.err.println("PostgresCluster: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("PostgresCluster: could not delete " + folder + ": " + e.getMessage());
    }
  }
}
