package io.tastemaker.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code tastemaker bench <name>}: runs a benchmark and prints its figures next to the anchors. */
public final class Bench {
  private static final String USAGE =
      """
      Usage: tastemaker bench <benchmark> [--data DIR]

      Benchmarks:
        import    CSV import speed on MovieLens-1M-size data (target: 500,000 rows/s)

      --data DIR   the shared benchmark data (default ../shared/data)
      """;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    List<String> list = Arrays.asList(args);
    if (list.isEmpty()) {
      System.out.print(USAGE);
      System.exit(2);
    }
    Path data = Path.of("..", "shared", "data");
    int i = list.indexOf("--data");
    if (i >= 0 && i + 1 < list.size()) {
      data = Path.of(list.get(i + 1));
    }
    switch (list.get(0)) {
      case "import" -> ImportBenchmark.run(data);
      default -> {
        System.err.println("unknown benchmark " + list.get(0));
        System.err.print(USAGE);
        System.exit(2);
      }
    }
    System.exit(0);
  }
}
