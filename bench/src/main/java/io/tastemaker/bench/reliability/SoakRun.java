package io.tastemaker.bench.reliability;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;

/**
 * {@code bench reliability soak}: minutes of mixed load through the SDK from several threads (control
 * plane reads and lists, GetRecommendations with and without a filter, GetPersonalizedRanking,
 * PutEvents, and an import or a training now and then), every request valid, so any error is one a
 * correct server would not give. Prints requests, errors by type, latency and the server's memory
 * over time.
 */
final class SoakRun {
  private static final Duration SAMPLE = Duration.ofSeconds(10);
  private static final Duration IMPORT_EVERY = Duration.ofMinutes(1);
  private static final int TRAIN_EVERY_IMPORTS = 3;

  private final Fixture fixture;
  private final Map<String, Latencies> latencies = new TreeMap<>();
  private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
  private final List<String> jobs = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stop;

  private SoakRun(Fixture fixture) {
    this.fixture = fixture;
    for (String family : List.of("control plane reads", "GetRecommendations", "GetPersonalizedRanking", "PutEvents")) {
      latencies.put(family, new Latencies());
    }
  }

  static boolean run(Harness harness, double minutes, long seed, PrintStream out) throws Exception {
    ServerJvm server = harness.start();
    Fixture fixture;
    try (Clients clients = harness.clients()) {
      fixture = Fixture.create(clients.control(), harness.dir().resolve("files"), "rb-soak", new SyntheticShop(2_000, 500), 60_000, seed);
    }
    SoakRun soak = new SoakRun(fixture);
    Table memory = new Table("minute", "server RSS (MB)", "requests so far");
    long started = System.nanoTime();
    long end = started + (long) (minutes * 60e9);
    List<Thread> threads = new ArrayList<>();
    try (Clients clients = harness.clients()) {
      threads.add(soak.loop("reads", seed, r -> soak.read(clients.control(), r)));
      threads.add(soak.loop("reads-2", seed + 1, r -> soak.read(clients.control(), r)));
      threads.add(soak.loop("recommendations", seed + 2, r -> soak.recommend(clients, r)));
      threads.add(soak.loop("recommendations-2", seed + 3, r -> soak.recommend(clients, r)));
      threads.add(soak.loop("ranking", seed + 4, r -> soak.rank(clients, r)));
      threads.add(soak.loop("events", seed + 5, r -> soak.putEvents(clients, r)));
      Thread jobs = new Thread(() -> soak.jobs(clients.control()), "soak-jobs");
      jobs.setDaemon(true);
      jobs.start();
      threads.add(jobs);
      long nextSample = started;
      while (System.nanoTime() < end && server.isAlive()) {
        if (System.nanoTime() >= nextSample) {
          OptionalLong rss = server.residentBytes();
          memory.row(String.format("%.1f", (System.nanoTime() - started) / 60e9), rss.isPresent() ? rss.getAsLong() >> 20 : "-", soak.requests());
          nextSample += SAMPLE.toNanos() * 6;
          System.err.printf("  soak: %.1f of %.1f minutes, %,d requests, %,d errors%n", (System.nanoTime() - started) / 60e9, minutes, soak.requests(), soak.errorCount());
        }
        Thread.sleep(SAMPLE.toMillis() / 10);
      }
      soak.stop = true;
      for (Thread t : threads) {
        t.join(Duration.ofMinutes(30).toMillis());
      }
      OptionalLong rss = server.residentBytes();
      memory.row(String.format("%.1f (end)", (System.nanoTime() - started) / 60e9), rss.isPresent() ? rss.getAsLong() >> 20 : "-", soak.requests());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf("## Soak: %.1f minutes of mixed load, 6 client threads and a job thread through the AWS SDK for Java v2 (no retries), seed %d%n%n", seconds / 60, seed);
    out.printf("%,d requests (%,.0f per second), %,d errors; the server is %s%n%n", soak.requests(), soak.requests() / seconds, soak.errorCount(),
        server.isAlive() ? "still running" : "DEAD");
    Table table = new Table("calls", "requests", "p50 (ms)", "p99 (ms)");
    soak.latencies.forEach((family, l) -> table.row(family, l.count(), String.format("%.1f", l.millisAt(0.5)), String.format("%.1f", l.millisAt(0.99))));
    table.print(out);
    Table errorTable = new Table("error", "count");
    new TreeMap<>(soak.errors).forEach((type, n) -> errorTable.row(type, n.get()));
    out.println("Errors by type: " + (soak.errors.isEmpty() ? "none" : ""));
    out.println();
    if (!errorTable.isEmpty()) {
      errorTable.print(out);
    }
    out.println("Jobs during the soak: " + (soak.jobs.isEmpty() ? "none" : String.join("; ", soak.jobs)));
    out.println();
    memory.print(out);
    return soak.errors.isEmpty() && server.isAlive();
  }

  private long requests() {
    return latencies.values().stream().mapToLong(Latencies::count).sum();
  }

  private long errorCount() {
    return errors.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private Thread loop(String name, long seed, Consumer<SplittableRandom> call) {
    SplittableRandom random = new SplittableRandom(seed);
    Thread t = new Thread(() -> {
      while (!stop) {
        call.accept(random);
      }
    }, "soak-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Times one call into its family; an exception is counted by its type and code. */
  private void timed(String family, Runnable call) {
    long t0 = System.nanoTime();
    try {
      call.run();
      latencies.get(family).add(System.nanoTime() - t0);
    } catch (AwsServiceException e) {
      latencies.get(family).add(System.nanoTime() - t0);
      errors.computeIfAbsent(family + ": " + e.statusCode() + " " + e.awsErrorDetails().errorCode(), k -> new AtomicLong()).incrementAndGet();
    } catch (RuntimeException e) {
      latencies.get(family).add(System.nanoTime() - t0);
      errors.computeIfAbsent(family + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), k -> new AtomicLong()).incrementAndGet();
    }
  }

  private void read(PersonalizeClient p, SplittableRandom random) {
    Fixture f = fixture;
    timed("control plane reads", () -> {
      switch (random.nextInt(8)) {
        case 0 -> p.describeDatasetGroup(r -> r.datasetGroupArn(f.group()));
        case 1 -> p.listDatasetGroups(r -> r.maxResults(20));
        case 2 -> p.listSolutions(r -> r.datasetGroupArn(f.group()));
        case 3 -> p.describeCampaign(r -> r.campaignArn(f.campaign()));
        case 4 -> p.listCampaigns(r -> r.solutionArn(f.solution()));
        case 5 -> p.describeSolutionVersion(r -> r.solutionVersionArn(f.version()));
        case 6 -> p.listDatasetImportJobs(r -> r.datasetArn(f.interactions()));
        default -> p.getSolutionMetrics(r -> r.solutionVersionArn(f.version()));
      }
    });
  }

  private void recommend(Clients c, SplittableRandom random) {
    String user = "u" + random.nextInt(fixture.shop().users);
    boolean filtered = random.nextInt(4) == 0;
    timed("GetRecommendations", () -> c.runtime().getRecommendations(r -> {
      r.campaignArn(fixture.campaign()).userId(user).numResults(1 + random.nextInt(50));
      if (filtered) {
        r.filterArn(fixture.filter());
      }
    }));
  }

  private void rank(Clients c, SplittableRandom random) {
    List<String> items = new ArrayList<>();
    for (int i = 1 + random.nextInt(50); i > 0; i--) {
      items.add("i" + random.nextInt(fixture.shop().items));
    }
    String user = "u" + random.nextInt(fixture.shop().users);
    timed("GetPersonalizedRanking", () -> c.runtime().getPersonalizedRanking(r -> r.campaignArn(fixture.rankingCampaign()).userId(user).inputList(items)));
  }

  private final AtomicLong eventIds = new AtomicLong();

  private void putEvents(Clients c, SplittableRandom random) {
    String user = "u" + random.nextInt(fixture.shop().users);
    List<Event> list = new ArrayList<>();
    for (int e = 1 + random.nextInt(10); e > 0; e--) {
      long id = eventIds.incrementAndGet();
      list.add(Event.builder().eventId("soak-" + id).eventType("click").itemId("i" + random.nextInt(fixture.shop().items))
          .sentAt(Instant.ofEpochSecond(SyntheticShop.START + 20_000_000 + id)).build());
    }
    timed("PutEvents", () -> c.events().putEvents(r -> r.trackingId(fixture.trackingId()).userId(user).sessionId("soak-" + user).eventList(list)));
  }

  /** An import every minute and a training every third import, each waited for; a failed or stuck job is an error. */
  private void jobs(PersonalizeClient p) {
    int imports = 0;
    long next = System.nanoTime() + IMPORT_EVERY.toNanos();
    while (!stop) {
      try {
        if (System.nanoTime() < next) {
          Thread.sleep(500);
          continue;
        }
        next = System.nanoTime() + IMPORT_EVERY.toNanos();
        imports++;
        long t0 = System.nanoTime();
        Fixture.importCsv(p, fixture.interactions(), "rb-soak-" + imports, fixture.files().resolve("interactions.csv"));
        jobs.add(String.format("import %d ACTIVE in %.1f s", imports, (System.nanoTime() - t0) / 1e9));
        if (imports % TRAIN_EVERY_IMPORTS == 0) {
          t0 = System.nanoTime();
          Fixture.trained(p, fixture.solution());
          jobs.add(String.format("training ACTIVE in %.1f s", (System.nanoTime() - t0) / 1e9));
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        errors.computeIfAbsent("job: " + e.getMessage(), k -> new AtomicLong()).incrementAndGet();
      }
    }
  }
}
