package io.tastemaker.bench.reliability;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server jar in a JVM of its own, started with {@code --credentials} on a data
 * directory (its parent folder the one {@code --local-data} folder), so that a run can kill it with SIGKILL and start it again on the same state. Its output
 * is appended to a log file the reports point to.
 */
final class ServerJvm implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("Tastemaker ready on (http://\\S+)");
  private static final Duration START_LIMIT = Duration.ofSeconds(120);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private ServerJvm(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts {@code jar} serving {@code dataDir} on a free port, and waits until it says it is ready. */
  static ServerJvm start(Path jar, Path dataDir, Path credentials, Path log) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the server jar " + jar.toAbsolutePath() + " is missing: run 'mvn -B -DskipTests package' first");
    }
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(),
        "serve", "--port", "0", "--data-dir", dataDir.toString(), "--credentials", credentials.toString(),
        // With access keys no local folder is allowed unless named: the run's own folder holds its input files.
        "--local-data", dataDir.toAbsolutePath().getParent().toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      String output = tail(log, logStart);
      Matcher ready = READY.matcher(output);
      if (ready.find()) {
        return new ServerJvm(process, URI.create(ready.group(1)), log);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + " before it was ready:\n" + output);
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server was not ready after " + START_LIMIT.toSeconds() + " s; see " + log);
  }

  private static String tail(Path log, long from) throws IOException {
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
  }

  URI endpoint() {
    return endpoint;
  }

  int port() {
    return endpoint.getPort();
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The server's resident memory in bytes, from {@code /proc/<pid>/status}; empty where there is no /proc. */
  OptionalLong residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process ended or this is not Linux: no figure.
    }
    return OptionalLong.empty();
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server " + pid() + " did not die within 60 s of SIGKILL");
    }
  }

  /** SIGTERM and a wait for the orderly shutdown, SIGKILL if it takes longer than 60 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      killHard();
    }
  }
}
