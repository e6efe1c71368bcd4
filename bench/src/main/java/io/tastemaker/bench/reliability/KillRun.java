package io.tastemaker.bench.reliability;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code bench reliability kill}: cycles of start a long job and a 32-client PutEvents burst, SIGKILL
 * the server at a seeded random moment inside the job, start it again on the same data directory,
 * and check that every acknowledged event is stored, the job ends (ACTIVE, or failed with a reason),
 * the server answers, and no object is left that nothing refers to.
 */
final class KillRun {
  private static final Duration JOB_LIMIT = Duration.ofMinutes(30);

  /** The figures of one kind of job over the run. */
  private static final class Tally {
    int kills;
    int unfinishedAtKill;
    long acknowledged;
    long lost;
    int finished;
    int stuck;
    long leakedBytes;
    final Map<String, Integer> failures = new TreeMap<>();
    final List<String> outputProblems = new ArrayList<>();
  }

  private KillRun() {}

  static boolean run(Harness harness, int kills, long seed, PrintStream out) throws Exception {
    harness.start();
    KillFixture f;
    List<LongJob> kinds = new ArrayList<>();
    List<String> notServed = new ArrayList<>();
    try (Clients clients = harness.clients()) {
      f = KillFixture.create(clients.control(), harness.dir().resolve("files"), 5_000, 2_000, 400_000, 100_000, seed);
      for (LongJob kind : LongJobs.all(f)) {
        if (kind.served(clients.control())) {
          kinds.add(kind);
        } else {
          notServed.add(kind.kind());
        }
      }
    }
    StateAudit audit = new StateAudit(harness.dataDir());
    Set<String> allAcknowledged = new HashSet<>();
    Set<String> leakedBefore = new HashSet<>(audit.unreferencedObjects().keySet());
    Map<String, Tally> tallies = new LinkedHashMap<>();
    kinds.forEach(k -> tallies.put(k.kind(), new Tally()));
    Table cycles = new Table("cycle", "job", "kill after (ms)", "status at kill", "events acknowledged", "lost", "restart (s)", "final status", "reason / output", "new unreferenced bytes");
    SplittableRandom random = new SplittableRandom(seed);
    for (int cycle = 0; cycle < kills; cycle++) {
      LongJob kind = kinds.get(cycle % kinds.size());
      Tally tally = tallies.get(kind.kind());
      ServerJvm server = harness.server();
      LongJob.Started job;
      String atKill;
      long delay = (long) (random.nextDouble() * kind.typical().toMillis());
      EventBurst burst;
      try (Clients clients = harness.clients()) {
        burst = EventBurst.start(clients.events(), f.trackingId(), "k" + cycle, f.shop().items, seed + cycle);
        job = kind.start(clients.control(), cycle);
        awaitStarted(clients, job);
        Thread.sleep(delay);
        atKill = job.describe().apply(clients.control()).status();
        server.killHard();
      }
      Set<String> acknowledged = burst.stop();
      allAcknowledged.addAll(acknowledged);
      long restartStart = System.nanoTime();
      harness.start();
      double restart = (System.nanoTime() - restartStart) / 1e9;
      Set<String> stored = audit.eventIds(f.group());
      long lost = allAcknowledged.stream().filter(id -> !stored.contains(id)).count();
      LongJob.Described last;
      try (Clients clients = harness.clients()) {
        clients.control().listDatasetGroups(r -> r.maxResults(10));
        String status = Await.finalStatus(() -> job.describe().apply(clients.control()).status(), JOB_LIMIT);
        last = status.startsWith("STUCK") ? new LongJob.Described(status, "") : job.describe().apply(clients.control());
      }
      Optional<String> output = last.finished() ? kind.checkOutput(cycle) : Optional.empty();
      Map<String, Long> leaked = audit.unreferencedObjects();
      long newLeak = leaked.entrySet().stream().filter(e -> !leakedBefore.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
      leakedBefore.addAll(leaked.keySet());

      tally.kills++;
      tally.unfinishedAtKill += Await.UNFINISHED.contains(atKill) || kind.kind().equals("PutEvents burst") ? 1 : 0;
      tally.acknowledged += acknowledged.size();
      tally.lost += lost;
      tally.leakedBytes += newLeak;
      if (last.finished()) {
        tally.finished++;
      } else if (last.status().startsWith("STUCK")) {
        tally.stuck++;
      } else {
        tally.failures.merge(last.status() + ": " + (last.reason().isEmpty() ? "(NO REASON GIVEN)" : last.reason()), 1, Integer::sum);
      }
      output.ifPresent(tally.outputProblems::add);
      cycles.row(cycle + 1, kind.kind(), delay, atKill, acknowledged.size(), lost, String.format("%.1f", restart), last.status(),
          output.orElse(last.reason()), newLeak);
      System.err.printf("  kill %d of %d: %s killed %s, %d events acknowledged, %d lost, %s%n", cycle + 1, kills, kind.kind(), atKill, acknowledged.size(), lost, last.status());
    }
    Map<String, Long> leaked = audit.unreferencedObjects();
    out.printf("## Kill: %d SIGKILLs of the server JVM (%s jobs), seed %d, %d PutEvents clients during every job%n%n", kills, tallies.keySet(), seed, EventBurst.CLIENTS);
    out.printf("Setup: %,d interactions imported in %.1f s, training %.1f s, batch inference of %,d users %.1f s (kills land at a random moment within these)%n%n",
        400_000, f.importTime().toMillis() / 1e3, f.trainingTime().toMillis() / 1e3, f.batchLines(), f.batchTime().toMillis() / 1e3);
    Table table = new Table("job kind", "kills", "unfinished at the kill", "events acknowledged", "acknowledged events lost", "jobs finished", "jobs failed (reason)", "stuck",
        "unreferenced bytes left");
    boolean passed = true;
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      table.row(e.getKey(), t.kills, t.unfinishedAtKill, t.acknowledged, t.lost, t.finished, t.failures.isEmpty() ? "0" : t.failures.toString(), t.stuck, t.leakedBytes);
      passed &= t.lost == 0 && t.stuck == 0 && t.leakedBytes == 0 && t.outputProblems.isEmpty() && t.failures.keySet().stream().noneMatch(r -> r.contains("NO REASON"));
    }
    for (String kind : notServed) {
      table.row(kind, 0, "-", "-", "-", "-", "not served by this build (UnknownOperationException)", "-", "-");
    }
    table.print(out);
    cycles.print(out);
    out.println("Unreferenced files in objects/ at the end: " + (leaked.isEmpty() ? "none" : leaked.size() + " files, " + leaked.values().stream().mapToLong(Long::longValue).sum() + " bytes"));
    leaked.entrySet().stream().limit(20).forEach(e -> out.println("    " + e.getKey() + " (" + e.getValue() + " bytes)"));
    out.println();
    return passed;
  }

  /** Waits until a created job has left its pending status (or 60 s); a deletion is killed from its request on. */
  private static void awaitStarted(Clients clients, LongJob.Started job) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && List.of("CREATE PENDING", "PENDING").contains(job.describe().apply(clients.control()).status())) {
      Thread.sleep(20);
    }
  }
}
