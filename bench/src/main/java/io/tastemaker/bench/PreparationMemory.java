package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.csv.CsvImporter;
import io.tastemaker.core.eval.HoldoutSplit;
import io.tastemaker.core.eval.EvalQuery;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetType;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The live heap per interaction of a training job's data preparation (issue 21), stage by stage, on a
 * power-law shop: the imported segments, the interactions read from them, and the evaluation's
 * split (its training users' copy and the held-out users' queries), all alive together as in the
 * training job. Each figure is the heap in use after a full collection, less the heap before.
 */
final class PreparationMemory {
  private PreparationMemory() {}

  static void run(List<String> names) throws Exception {
    long n = names.isEmpty() ? 1_000_000L : ScaleBenchmark.size(names.get(0));
    PowerLawShop shop = PowerLawShop.sized(n, 21);
    Path dir = Files.createTempDirectory("tastemaker-prep");
    try {
      Path csv = dir.resolve("interactions.csv");
      long users = shop.write(csv);
      long before = live();
      List<Segment> segments = new ArrayList<>();
      try (InputStream in = Files.newInputStream(csv)) {
        new CsvImporter(AvroSchemaParser.parse(PowerLawShop.SCHEMA), DatasetType.INTERACTIONS).importFile(csv.toString(), in, segments::add);
      }
      long afterSegments = live();
      InteractionData data = InteractionData.fromSegments(segments, InteractionFilter.ALL);
      long afterData = live();
      HoldoutSplit split = HoldoutSplit.of(data, 21);
      InteractionData train = data.subset(split.trainUsers());
      List<EvalQuery> queries = split.queries(data);
      long afterSplit = live();
      System.out.printf("Data preparation memory: %,d interactions, %,d users, %,d items; %d cores, load %s%n%n", n, users, shop.items(),
          Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
      System.out.println("| Alive | live heap | bytes per interaction |");
      System.out.println("|---|---|---|");
      row("imported segments", afterSegments - before, n);
      row("+ interactions read from them", afterData - before, n);
      row("+ evaluation split (training users' copy, held-out queries)", afterSplit - before, n);
      System.out.printf("%n%,d held-out queries, %,d training users%n", queries.size(), train.userCount());
      // Keep every stage reachable until here, as the training job does.
      if (segments.isEmpty() || train.size() < 0) {
        throw new IllegalStateException("nothing was imported");
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  private static void row(String what, long bytes, long n) {
    System.out.printf("| %s | %,d MB | %.1f |%n", what, bytes >> 20, (double) bytes / n);
  }

  private static long live() {
    for (int k = 0; k < 3; k++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
