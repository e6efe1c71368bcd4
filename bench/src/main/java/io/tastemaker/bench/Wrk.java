package io.tastemaker.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The wrk HTTP load generator, run as a child process with the benchmark's Lua script. */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /** What one run measured; latencies in milliseconds. */
  record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long errors) {}

  private final Path script;
  private final int threads;
  private final int connections;

  private Wrk(Path script, int threads, int connections) {
    this.script = script;
    this.threads = threads;
    this.connections = connections;
  }

  /** Whether a {@code wrk} executable is on the PATH. */
  static boolean installed() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "wrk"))) {
        return true;
      }
    }
    return false;
  }

  /** A load generator with these settings; writes the Lua script into {@code dir}. */
  static Wrk create(Path dir, int threads, int connections) throws IOException {
    Path script = dir.resolve("serving.lua");
    try (InputStream in = Wrk.class.getResourceAsStream("serving.lua")) {
      Files.copy(in, script);
    }
    return new Wrk(script, threads, connections);
  }

  /** Loads {@code url} for {@code seconds}; {@code scriptArgs} go to the script's {@code init}. */
  Result run(URI url, int seconds, String... scriptArgs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        "wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", "-s", script.toString(), url.toString(), "--"));
    command.addAll(List.of(scriptArgs));
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (wrk.waitFor() != 0) {
      throw new IllegalStateException("wrk failed (exit " + wrk.exitValue() + "):\n" + output);
    }
    return parse(output);
  }

  /** Reads Requests/sec, the 50% and 99% latencies and the error counts from wrk's report. */
  static Result parse(String output) {
    long errors = longOf(NON_2XX, output, 0);
    Matcher socket = SOCKET.matcher(output);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    return new Result(
        Double.parseDouble(find(RATE, output).group(1)), percentile(output, "50"), percentile(output, "99"), longOf(TOTAL, output, 0), errors);
  }

  private static double percentile(String output, String percent) {
    Matcher m = find(Pattern.compile("\\s" + percent + "%\\s+([0-9.]+)(us|ms|s|m)"), output);
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      default -> value * 60_000;
    };
  }

  private static long longOf(Pattern pattern, String output, long absent) {
    Matcher m = pattern.matcher(output);
    return m.find() ? Long.parseLong(m.group(1)) : absent;
  }

  private static Matcher find(Pattern pattern, String output) {
    Matcher m = pattern.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("cannot read " + pattern.pattern() + " in wrk's output:\n" + output);
    }
    return m;
  }
}
