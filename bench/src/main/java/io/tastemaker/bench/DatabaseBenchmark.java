package io.tastemaker.bench;

import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.store.DatabaseLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * PutEvents and GetRecommendations throughput with the metadata in SQLite and in PostgreSQL, in one
 * run on the same machine: the same in-process server, clients and data, once per database. The
 * PostgreSQL database is {@code TASTEMAKER_DATABASE} (with its user and password variables), which
 * should be empty; the figures compare, they do not certify a deployment.
 */
final class DatabaseBenchmark {
  private static final int SECONDS = 10;
  private static final int EVENT_CLIENTS = 32;
  private static final int QUERY_CLIENTS = 8;
  private static final int USERS = 2_000;
  private static final int ITEMS = 500;
  private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

  private DatabaseBenchmark() {}

  /** Throughputs of one database: events stored and GetRecommendations answered per second. */
  private record Figures(String database, double events, double putCalls, double recommendations) {}

  static void run() throws Exception {
    String url = Optional.ofNullable(System.getenv("TASTEMAKER_DATABASE")).filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalArgumentException(
        "bench database needs an empty PostgreSQL database in TASTEMAKER_DATABASE (jdbc:postgresql://host:port/db?user=...)"));
    DatabaseLocation postgresql = DatabaseLocation.postgresql(url, Optional.ofNullable(System.getenv("TASTEMAKER_DATABASE_USER")),
        Optional.ofNullable(System.getenv("TASTEMAKER_DATABASE_PASSWORD")));
    // Two rounds, alternating: the first warms the JIT for both, so the order favours neither.
    List<Figures> figures = new ArrayList<>();
    for (int round = 1; round <= 2; round++) {
      figures.add(measure("round " + round + ": SQLite (synchronous=FULL)", DatabaseLocation.embedded()));
      figures.add(measure("round " + round + ": PostgreSQL (fsync, synchronous_commit on)", postgresql));
    }
    System.out.printf("Database benchmark: PutEvents with %d clients (10 events a call), GetRecommendations (aws-popularity-count, %d users) with %d clients,"
        + " %d s each, %d cores%n%n", EVENT_CLIENTS, USERS, QUERY_CLIENTS, SECONDS, Runtime.getRuntime().availableProcessors());
    System.out.println("| Database | events answered as stored/s | PutEvents calls/s | GetRecommendations/s |");
    System.out.println("|---|---|---|---|");
    for (Figures f : figures) {
      System.out.printf("| %s | %,.0f | %,.0f | %,.0f |%n", f.database(), f.events(), f.putCalls(), f.recommendations());
    }
    Figures sqlite = figures.get(2);
    Figures pg = figures.get(3);
    System.out.printf("| round 2: PostgreSQL / SQLite | %.2f | %.2f | %.2f |%n", pg.events() / sqlite.events(), pg.putCalls() / sqlite.putCalls(),
        pg.recommendations() / sqlite.recommendations());
  }

  private static Figures measure(String name, DatabaseLocation database) throws Exception {
    Path dir = Files.createTempDirectory("tastemaker-database-bench");
    try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(dir.resolve("data")).withPort(0).withDatabase(database)
        .withLocalDataRoots(List.of(dir)))) {
      HttpApi api = new HttpApi(server.endpoint());
      // Each round's resources have their own names: the PostgreSQL database keeps the earlier round's.
      String names = "db-bench-" + RUNS.incrementAndGet();
      String group = ApiSteps.group(api, names);
      ApiSteps.imported(api, group, names, "Interactions", MovieLens1mRatings.SCHEMA, interactions(dir.resolve("interactions.csv")));
      String campaign = ApiSteps.campaign(api, names, ApiSteps.trainedVersion(api, group, names, "aws-popularity-count", Map.of()));
      String trackingId = ApiSteps.trackingId(api, group, names);

      ExecutorService pool = Executors.newFixedThreadPool(EVENT_CLIENTS);
      try {
        long started = System.nanoTime();
        long deadline = started + SECONDS * 1_000_000_000L;
        List<Future<long[]>> senders = new ArrayList<>();
        for (int c = 0; c < EVENT_CLIENTS; c++) {
          int client = c;
          senders.add(pool.submit(() -> EventsBenchmark.send(new HttpApi(server.endpoint()), trackingId, client, deadline)));
        }
        long calls = 0;
        for (Future<long[]> f : senders) {
          calls += f.get().length;
        }
        double putSeconds = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        long queryDeadline = started + SECONDS * 1_000_000_000L;
        List<Future<Long>> askers = new ArrayList<>();
        for (int c = 0; c < QUERY_CLIENTS; c++) {
          int client = c;
          askers.add(pool.submit(() -> ask(new HttpApi(server.endpoint()), campaign, client, queryDeadline)));
        }
        long answers = 0;
        for (Future<Long> f : askers) {
          answers += f.get();
        }
        double querySeconds = (System.nanoTime() - started) / 1e9;
        return new Figures(name, calls * 10 / putSeconds, calls / putSeconds, answers / querySeconds);
      } finally {
        pool.shutdown();
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  /** GetRecommendations for a client's users in turn until the deadline; returns how many were answered. */
  private static long ask(HttpApi api, String campaign, int client, long deadline) throws Exception {
    long n = 0;
    while (System.nanoTime() < deadline) {
      api.recommendations(campaign, "user-" + ((client * 7919 + n) % USERS), 25);
      n++;
    }
    return n;
  }

  /** Every user rates 20 items, spread so that popularity has a clear order. */
  private static Path interactions(Path file) throws java.io.IOException {
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(19);
    for (int u = 0; u < USERS; u++) {
      for (int k = 0; k < 20; k++) {
        int item = (int) (ITEMS * Math.pow(random.nextDouble(), 2));
        csv.append("user-").append(u).append(",item-").append(item).append(',').append(1_600_000_000L + u * 100L + k).append('\n');
      }
    }
    return Files.writeString(file, csv);
  }
}
