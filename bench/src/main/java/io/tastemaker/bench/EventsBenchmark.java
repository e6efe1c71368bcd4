package io.tastemaker.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * PutEvents throughput, durably: an in-process server with an event tracker takes calls of ten events
 * from many concurrent clients for a fixed time; then the server is stopped and the events counted in
 * its database, so only what was stored (synced to disk before each answer) counts.
 */
final class EventsBenchmark {
  private static final int SECONDS = 15;
  private static final int CLIENTS = 32;
  private static final int EVENTS_PER_CALL = 10;
  private static final int TARGET = 5_000;

  private EventsBenchmark() {}

  static void run() throws Exception {
    Path dir = Files.createTempDirectory("tastemaker-events-bench");
    long calls;
    long[] latencies;
    double seconds;
    try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(dir).withPort(0))) {
      HttpApi api = new HttpApi(server.endpoint());
      String trackingId = tracker(api);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long started = System.nanoTime();
      long deadline = started + SECONDS * 1_000_000_000L;
      List<Future<long[]>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> send(new HttpApi(server.endpoint()), trackingId, client, deadline)));
      }
      List<Long> all = new ArrayList<>();
      for (Future<long[]> f : clients) {
        for (long l : f.get()) {
          all.add(l);
        }
      }
      seconds = (System.nanoTime() - started) / 1e9;
      pool.shutdown();
      calls = all.size();
      latencies = all.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    long stored;
    try (Database db = Database.openEmbedded(dir)) {
      stored = db.read(EventLog::count);
    }
    System.out.printf("PutEvents benchmark: %d clients, %d events per call, %d s, %d cores, embedded SQLite (synchronous=FULL, group commit)%n%n",
        CLIENTS, EVENTS_PER_CALL, SECONDS, Runtime.getRuntime().availableProcessors());
    System.out.println("| Measure | Tastemaker | Target (issue 5) |");
    System.out.println("|---|---|---|");
    System.out.printf("| events stored per second | %,.0f | %,d |%n", stored / seconds, TARGET);
    System.out.printf("| PutEvents calls per second | %,.0f | |%n", calls / seconds);
    System.out.printf("| call latency p50 / p99 ms | %.2f / %.2f | |%n", latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6);
    System.out.printf("| events answered as stored / found in the database after shutdown | %,d / %,d | equal |%n", calls * EVENTS_PER_CALL, stored);
    BenchFiles.deleteTree(dir);
  }

  private static String tracker(HttpApi api) throws Exception {
    String group = ApiSteps.group(api, "events");
    ApiSteps.dataset(api, group, "events", "Interactions", MovieLens1mRatings.SCHEMA);
    return ApiSteps.trackingId(api, group, "events");
  }

  /** One client's calls until the deadline; returns each call's latency in nanoseconds. */
  static long[] send(HttpApi api, String trackingId, int client, long deadline) throws Exception {
    long[] latencies = new long[1 << 16];
    int n = 0;
    long time = 1_700_000_000L;
    while (System.nanoTime() < deadline && n < latencies.length) {
      ObjectNode request = Json.object().put("trackingId", trackingId).put("userId", "user-" + client + "-" + (n % 50)).put("sessionId", "session-" + client);
      ArrayNode list = request.putArray("eventList");
      for (int e = 0; e < EVENTS_PER_CALL; e++) {
        list.addObject().put("eventType", "rating").put("itemId", "item-" + ((n * 7 + e) % 3700)).put("sentAt", time++);
      }
      long t0 = System.nanoTime();
      api.putEvents(request);
      latencies[n++] = System.nanoTime() - t0;
    }
    return Arrays.copyOf(latencies, n);
  }
}
