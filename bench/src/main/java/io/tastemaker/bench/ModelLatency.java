package io.tastemaker.bench;

import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.server.objects.LocalObjectStore;
import io.tastemaker.server.serving.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The latency of one in-process {@code recommend} call, without HTTP, on one thread. */
final class ModelLatency {
  /** Latencies in milliseconds over {@code calls} timed calls. */
  record Result(double meanMillis, double p50Millis, double p99Millis, int calls) {}

  private ModelLatency() {}

  /** The model a server trained for a solution version, read from its data directory. */
  static Recommender load(Path dataDir, String solutionVersionArn) throws IOException {
    String key = ModelFiles.keyFor(solutionVersionArn);
    try (InputStream in = new LocalObjectStore(dataDir.resolve("objects")).open(key)) {
      return RecipeRegistry.standard().codec().read(in, key);
    }
  }

  /** Times {@code calls} top-{@code n} recommendations cycling through the users, after as many untimed ones. */
  static Result measure(Recommender model, List<String> userIds, int n, int calls) {
    long[] nanos = new long[calls];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < calls; i++) {
        UserQuery query = UserQuery.of(userIds.get(i % userIds.size()));
        long t0 = System.nanoTime();
        model.recommend(query, n, ItemMask.ALL);
        nanos[i] = System.nanoTime() - t0;
      }
    }
    double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
    Arrays.sort(nanos);
    return new Result(mean, nanos[(calls - 1) / 2] / 1e6, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6, calls);
  }

  /**
   * One user's top {@code n} on this thread, {@code calls} timed calls cycling through the queries after
   * as many untimed: p50 and p99 of the wall time, then of the thread's CPU time (which leaves out the
   * time a loaded machine keeps the thread waiting for a core), in milliseconds.
   */
  static double[] wallAndCpu(Recommender model, List<UserQuery> queries, int n, int calls) {
    return wallAndCpu(query -> model.recommend(query, n, ItemMask.ALL), queries, calls);
  }

  /** As {@link #wallAndCpu(Recommender, List, int, int)} for any one-user call. */
  static double[] wallAndCpu(Consumer<UserQuery> call, List<UserQuery> queries, int calls) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] wall = new long[calls];
    long[] cpu = new long[calls];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < calls; i++) {
        UserQuery query = queries.get(i % queries.size());
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        call.accept(query);
        wall[i] = System.nanoTime() - t0;
        cpu[i] = threads.getCurrentThreadCpuTime() - c0;
      }
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    int p50 = (calls - 1) / 2;
    int p99 = (int) Math.ceil(calls * 0.99) - 1;
    return new double[] {wall[p50] / 1e6, wall[p99] / 1e6, cpu[p50] / 1e6, cpu[p99] / 1e6};
  }
}
