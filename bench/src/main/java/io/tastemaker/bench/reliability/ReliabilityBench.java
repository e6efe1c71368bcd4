package io.tastemaker.bench.reliability;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tastemaker bench reliability [fuzz|races|kill|soak|all] [--requests N] [--kills N]
 * [--minutes M] [--seed S] [--server-jar JAR] [--keep]}: each mode starts the packaged server in its
 * own JVM with a generated access key on a fresh data directory, and prints figures to set next to
 * issue 20's.
 */
public final class ReliabilityBench {
  public static final String USAGE =
      """
      Usage: tastemaker bench reliability [fuzz|races|kill|soak|all] [options]

        fuzz    seeded SigV4-signed requests over all three APIs: valid ones for every operation and
                mutated ones, plus raw HTTP faults; fails on any 5xx or unanswered request
        races   50 parallel creates of one name per resource kind; exactly one may win
        kill    SIGKILL during imports, training, batch jobs, PutEvents bursts and dataset deletions,
                restart, check that no acknowledged event is lost, every job ends, and no object is
                left unreferenced
        soak    mixed load from several threads for some minutes; errors, latency, server memory
        all     the four in turn (the default)

        --requests N     fuzz requests, raw probes included (default 12000)
        --kills N        kill cycles (default 12)
        --minutes M      soak minutes (default 10)
        --seed S         seed of every random choice (default 20)
        --server-jar J   the server jar (default server/target/tastemaker.jar)
        --keep           keep the run's data directory and server log even when nothing failed
      """;

  /** The options of a run. */
  record Options(List<String> modes, int requests, int kills, double minutes, long seed, Path serverJar, boolean keep) {
    Options {
      modes = List.copyOf(modes);
      if (requests < 100 || kills < 1 || minutes <= 0) {
        throw new IllegalArgumentException("--requests must be at least 100, --kills at least 1 and --minutes above 0; got " + requests + ", " + kills + ", " + minutes);
      }
    }

    static Options parse(List<String> args) {
      List<String> modes = List.of("fuzz", "races", "kill", "soak");
      int requests = 12_000;
      int kills = 12;
      double minutes = 10;
      long seed = 20;
      Path jar = Path.of("server", "target", "tastemaker.jar");
      boolean keep = false;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "fuzz", "races", "kill", "soak" -> modes = List.of(arg);
          case "all" -> modes = List.of("fuzz", "races", "kill", "soak");
          case "--requests" -> requests = Integer.parseInt(value(args, ++i, arg));
          case "--kills" -> kills = Integer.parseInt(value(args, ++i, arg));
          case "--minutes" -> minutes = Double.parseDouble(value(args, ++i, arg));
          case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
          case "--server-jar" -> jar = Path.of(value(args, ++i, arg));
          case "--keep" -> keep = true;
          default -> throw new IllegalArgumentException("unknown argument " + arg);
        }
      }
      return new Options(modes, requests, kills, minutes, seed, jar, keep);
    }

    private static String value(List<String> args, int i, String option) {
      if (i >= args.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args.get(i);
    }
  }

  private ReliabilityBench() {}

  /** Runs the modes the arguments name; returns the process exit status (0 when no fault was found). */
  public static int run(List<String> args, PrintStream out) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("tastemaker bench reliability: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    }
    boolean passed = true;
    for (String mode : options.modes()) {
      Harness harness = Harness.create(options.serverJar(), "reliability-" + mode);
      boolean ok = false;
      try {
        ok = switch (mode) {
          case "fuzz" -> FuzzRun.run(harness, options.requests(), options.seed(), out);
          case "races" -> RaceRun.run(harness, out);
          case "kill" -> KillRun.run(harness, options.kills(), options.seed(), out);
          default -> SoakRun.run(harness, options.minutes(), options.seed(), out);
        };
      } finally {
        harness.finish(options.keep() || !ok);
      }
      out.println(mode + ": " + (ok ? "PASSED" : "FAILED"));
      out.println();
      passed &= ok;
    }
    return passed ? 0 : 1;
  }
}
