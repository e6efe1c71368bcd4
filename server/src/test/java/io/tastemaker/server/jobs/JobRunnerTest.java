package io.tastemaker.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The job runner on both databases. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class JobRunnerTest {
  /** A replica that died long ago: its leases ended at 3 ms after the epoch. */
  private static final ReplicaId DEAD = new ReplicaId("r-dead00000000");

  @Parameter TestDatabase database;
  @TempDir Path dir;
  private Database db;

  @BeforeEach
  void open() {
    db = TestDatabase.open(dir, database.fresh());
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** Records what happened to each job. */
  private static final class Recorder implements JobHandler {
    final List<String> ran = new CopyOnWriteArrayList<>();
    final ConcurrentHashMap<String, String> failed = new ConcurrentHashMap<>();
    final CountDownLatch done;
    final String failWith;

    Recorder(int expected, String failWith) {
      this.done = new CountDownLatch(expected);
      this.failWith = failWith;
    }

    @Override
    public void run(Job job) throws JobFailure {
      ran.add(job.targetArn() + "#" + job.attempts());
      if (failWith != null) {
        throw new JobFailure(failWith);
      }
      done.countDown();
    }

    @Override
    public void fail(Job job, String reason) {
      failed.put(job.targetArn(), reason);
      done.countDown();
    }
  }

  private int jobsLeft() {
    return db.read(tx -> new JobStore().inState(tx, JobStore.QUEUED).size() + new JobStore().inState(tx, JobStore.RUNNING).size());
  }

  @Test
  void a_queued_job_runs_once_its_transaction_commits_and_is_then_removed() throws Exception {
    Recorder recorder = new Recorder(1, null);
    try (JobRunner runner = new JobRunner(db, Clock.systemUTC(), 1, 1)) {
      runner.register("t", recorder);
      runner.start();
      db.write(tx -> {
        runner.enqueue(tx, "t", "arn:a");
        return null;
      });
      assertThat(recorder.done.await(10, TimeUnit.SECONDS)).isTrue();
      waitUntilNoJobsLeft();
    }
    assertThat(recorder.ran).containsExactly("arn:a#1");
  }

  private void waitUntilNoJobsLeft() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (jobsLeft() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(jobsLeft()).isZero();
  }

  @Test
  void a_job_enqueued_in_a_rolled_back_transaction_never_runs() throws Exception {
    Recorder recorder = new Recorder(1, null);
    try (JobRunner runner = new JobRunner(db, Clock.systemUTC(), 1, 1)) {
      runner.register("t", recorder);
      runner.start();
      try {
        db.write(tx -> {
          runner.enqueue(tx, "t", "arn:rolled-back");
          throw new IllegalStateException("rollback");
        });
      } catch (IllegalStateException expected) {
        // the insert is undone with the rest of the transaction
      }
      assertThat(recorder.done.await(1500, TimeUnit.MILLISECONDS)).isFalse();
    }
    assertThat(recorder.ran).isEmpty();
    assertThat(jobsLeft()).isZero();
  }

  @Test
  void a_failing_job_fails_its_resource_with_the_reason() throws Exception {
    Recorder recorder = new Recorder(1, "Input CSV is missing the following columns:[TIMESTAMP]");
    try (JobRunner runner = new JobRunner(db, Clock.systemUTC(), 1, 1)) {
      runner.register("t", recorder);
      runner.start();
      db.write(tx -> {
        runner.enqueue(tx, "t", "arn:b");
        return null;
      });
      assertThat(recorder.done.await(10, TimeUnit.SECONDS)).isTrue();
      waitUntilNoJobsLeft();
    }
    assertThat(recorder.failed).containsEntry("arn:b", "Input CSV is missing the following columns:[TIMESTAMP]");
  }

  @Test
  void a_job_left_running_by_a_dead_process_runs_again_on_start() throws Exception {
    db.write(tx -> {
      JobStore store = new JobStore();
      store.insert(tx, "t", "arn:c", 1);
      store.claim(tx, store.inState(tx, JobStore.QUEUED).get(0), DEAD, 2, 3);
      return null;
    });
    Recorder recorder = new Recorder(1, null);
    try (JobRunner runner = new JobRunner(db, Clock.systemUTC(), 1, 1)) {
      runner.register("t", recorder);
      runner.start();
      assertThat(recorder.done.await(10, TimeUnit.SECONDS)).isTrue();
      waitUntilNoJobsLeft();
    }
    assertThat(recorder.ran).containsExactly("arn:c#2");
  }

  @Test
  void a_job_interrupted_too_often_fails_instead_of_looping() throws Exception {
    db.write(tx -> {
      JobStore store = new JobStore();
      store.insert(tx, "t", "arn:d", 1);
      for (int i = 0; i < 3; i++) {
        Job queued = store.inState(tx, JobStore.QUEUED).get(0);
        Job claimed = store.claim(tx, queued, DEAD, 2, 3).orElseThrow();
        if (i < 2) {
          store.requeue(tx, claimed, 3);
        }
      }
      return null;
    });
    Recorder recorder = new Recorder(1, null);
    try (JobRunner runner = new JobRunner(db, Clock.systemUTC(), 1, 1)) {
      runner.register("t", recorder);
      runner.start();
      assertThat(recorder.done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(recorder.ran).isEmpty();
    assertThat(recorder.failed.get("arn:d")).contains("Interrupted by server restarts 3 times");
    assertThat(jobsLeft()).isZero();
  }

  @Test
  void a_failed_job_is_followed_by_the_cleanup_while_it_is_still_listed_as_running() throws Exception {
    Recorder recorder = new Recorder(1, "bad input");
    List<String> cleaned = new CopyOnWriteArrayList<>();
    CountDownLatch cleanedUp = new CountDownLatch(1);
    try (JobRunner runner = new JobRunner(db, Clock.systemUTC(), 1, 1)) {
      runner.register("t", recorder);
      runner.afterFailure(job -> {
        cleaned.add(job.targetArn() + " running: " + runner.running().stream().map(Job::targetArn).toList());
        cleanedUp.countDown();
      });
      runner.start();
      db.write(tx -> {
        runner.enqueue(tx, "t", "arn:e");
        return null;
      });
      assertThat(cleanedUp.await(10, TimeUnit.SECONDS)).isTrue();
      waitUntilNoJobsLeft();
    }
    assertThat(recorder.failed).containsKey("arn:e");
    assertThat(cleaned).containsExactly("arn:e running: [arn:e]");
  }

  @Test
  void start_runs_its_work_after_recovery_and_before_the_first_job() throws Exception {
    db.write(tx -> {
      JobStore store = new JobStore();
      store.insert(tx, "t", "arn:f", 1);
      store.claim(tx, store.inState(tx, JobStore.QUEUED).get(0), DEAD, 2, 3);
      return null;
    });
    Recorder recorder = new Recorder(1, null);
    List<String> seen = new CopyOnWriteArrayList<>();
    try (JobRunner runner = new JobRunner(db, Clock.systemUTC(), 1, 1)) {
      runner.register("t", recorder);
      runner.start(() -> seen.add("before: ran " + recorder.ran + ", running " + runner.running()));
      assertThat(recorder.done.await(10, TimeUnit.SECONDS)).isTrue();
      waitUntilNoJobsLeft();
    }
    assertThat(seen).containsExactly("before: ran [], running []");
    assertThat(recorder.ran).containsExactly("arn:f#2");
  }

  private static JobRunner replica(Database db, String id, Duration lease) {
    return new JobRunner(db, Clock.systemUTC(), 2, 2, new ReplicaId(id), new JobLease(lease));
  }

  /** Runs jobs until released, counting starts. */
  private static final class Blocking implements JobHandler {
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<String> finished = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final long holdMillis;

    Blocking(long holdMillis) {
      this.holdMillis = holdMillis;
    }

    @Override
    public void run(Job job) throws InterruptedException {
      started.add(job.targetArn() + "#" + job.attempts());
      if (holdMillis > 0) {
        Thread.sleep(holdMillis);
      } else {
        release.await();
      }
      finished.add(job.targetArn());
    }

    @Override
    public void fail(Job job, String reason) {
      finished.add(job.targetArn() + " failed: " + reason);
    }

    @Override
    public boolean heavy() {
      return true;
    }
  }

  @Test
  void jobs_enqueued_through_two_replicas_run_once_each() throws Exception {
    Recorder onA = new Recorder(0, null);
    Recorder onB = new Recorder(0, null);
    try (JobRunner a = replica(db, "r-00000000000a", Duration.ofSeconds(5));
        JobRunner b = replica(db, "r-00000000000b", Duration.ofSeconds(5))) {
      a.register("t", onA);
      b.register("t", onB);
      a.start();
      b.start();
      for (int i = 0; i < 30; i++) {
        JobRunner through = i % 2 == 0 ? a : b;
        String arn = "arn:job" + i;
        db.write(tx -> {
          through.enqueue(tx, "t", arn);
          return null;
        });
      }
      waitUntilNoJobsLeft();
    }
    List<String> ran = new java.util.ArrayList<>(onA.ran);
    ran.addAll(onB.ran);
    assertThat(ran).hasSize(30).doesNotHaveDuplicates().allMatch(run -> run.endsWith("#1"));
  }

  @Test
  void a_replica_keeps_a_job_longer_than_its_lease_by_renewing_it() throws Exception {
    Blocking onA = new Blocking(2500);
    Blocking onB = new Blocking(2500);
    try (JobRunner a = replica(db, "r-00000000000a", Duration.ofMillis(600));
        JobRunner b = replica(db, "r-00000000000b", Duration.ofMillis(600))) {
      a.register("t", onA);
      b.register("t", onB);
      a.start();
      b.start();
      db.write(tx -> {
        a.enqueue(tx, "t", "arn:long");
        return null;
      });
      waitUntilNoJobsLeft();
    }
    List<String> started = new java.util.ArrayList<>(onA.started);
    started.addAll(onB.started);
    List<String> finished = new java.util.ArrayList<>(onA.finished);
    finished.addAll(onB.finished);
    assertThat(started).containsExactly("arn:long#1");
    assertThat(finished).containsExactly("arn:long");
  }

  @Test
  void a_job_of_a_replica_that_stopped_renewing_runs_again_once_its_lease_ends() throws Exception {
    long leaseEnd = System.currentTimeMillis() + 1500;
    db.write(tx -> {
      JobStore store = new JobStore();
      store.insert(tx, "t", "arn:orphan", 1);
      store.claim(tx, store.inState(tx, JobStore.QUEUED).get(0), DEAD, 2, leaseEnd);
      return null;
    });
    Blocking onB = new Blocking(1);
    try (JobRunner b = replica(db, "r-00000000000b", Duration.ofSeconds(5))) {
      b.register("t", onB);
      b.start();
      Thread.sleep(500);
      // The embedded file has one process, so whatever it lists as running is taken at start; on
      // PostgreSQL the job belongs to its replica until the lease ends.
      assertThat(onB.started).hasSize(database == TestDatabase.SQLITE ? 1 : 0);
      waitUntilNoJobsLeft();
      if (database == TestDatabase.POSTGRESQL) {
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(leaseEnd);
      }
    }
    assertThat(onB.started).containsExactly("arn:orphan#2");
    assertThat(onB.finished).containsExactly("arn:orphan");
  }

  @Test
  void a_replica_shutting_down_hands_its_running_job_on() throws Exception {
    Blocking onA = new Blocking(0);
    Blocking onB = new Blocking(1);
    try (JobRunner b = replica(db, "r-00000000000b", Duration.ofSeconds(30))) {
      b.register("t", onB);
      try (JobRunner a = replica(db, "r-00000000000a", Duration.ofSeconds(30))) {
        a.register("t", onA);
        a.start();
        db.write(tx -> {
          a.enqueue(tx, "t", "arn:handed");
          return null;
        });
        waitUntil(() -> onA.started.size() == 1);
        if (database == TestDatabase.POSTGRESQL) {
          b.start();
        }
      }
      if (database == TestDatabase.POSTGRESQL) {
        // Long before the 30 s lease would end.
        waitUntilNoJobsLeft();
        assertThat(onB.started).containsExactly("arn:handed#2");
      } else {
        // One process per file: the job waits, running, for that process's next start.
        int running = db.read(tx -> new JobStore().inState(tx, JobStore.RUNNING).size());
        assertThat(running).isEqualTo(1);
      }
    }
    if (database == TestDatabase.SQLITE) {
      // The next start of the one process takes it.
      Blocking onC = new Blocking(1);
      try (JobRunner c = replica(db, "r-00000000000c", Duration.ofSeconds(30))) {
        c.register("t", onC);
        c.start();
        waitUntilNoJobsLeft();
      }
      assertThat(onC.started).containsExactly("arn:handed#2");
    }
    assertThat(onA.finished).isEmpty();
  }

  /** A heavy job's handler that records what happened to its job, failures included. */
  private abstract static class Recording implements JobHandler {
    final List<String> happened = new CopyOnWriteArrayList<>();

    @Override
    public void fail(Job job, String reason) {
      happened.add("failed: " + reason);
    }

    @Override
    public boolean heavy() {
      return true;
    }
  }

  /** Runs until its job is cancelled, then tries to write its final state. */
  private final class Stubborn extends Recording {
    final CountDownLatch started = new CountDownLatch(1);

    @Override
    public void run(Job job) throws Exception {
      started.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!JobCancellation.ofThisThread().getAsBoolean() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          happened.add("interrupted");
        }
      }
      happened.add(JobCancellation.ofThisThread().getAsBoolean() ? "cancelled" : "never cancelled");
      try {
        db.write(tx -> {
          RecordLog.put(tx, "arn:final", job.targetArn(), 1, java.util.Map.of("state", "DONE"));
          return null;
        });
        happened.add("final state written");
      } catch (LeaseLostException e) {
        happened.add("final state refused");
        throw e;
      }
    }

  }

  @Test
  void a_replica_that_lost_a_job_s_lease_stops_the_job_and_writes_nothing_over_the_new_owner() throws Exception {
    Stubborn handler = new Stubborn();
    ReplicaId thief = new ReplicaId("r-741ef0000000");
    try (JobRunner a = replica(db, "r-00000000000a", Duration.ofMillis(600))) {
      a.register("t", handler);
      a.start();
      db.write(tx -> {
        a.enqueue(tx, "t", "arn:stolen");
        return null;
      });
      assertThat(handler.started.await(10, TimeUnit.SECONDS)).isTrue();
      // Another replica took the job over, as after a stall past the lease: A's next renewal updates no row.
      db.write(tx -> {
        try (java.sql.PreparedStatement p = tx.connection().prepareStatement("UPDATE jobs SET lease_owner = ?, lease_expires_at = ? WHERE target_arn = ?")) {
          p.setString(1, thief.value());
          p.setLong(2, System.currentTimeMillis() + 60_000);
          p.setString(3, "arn:stolen");
          p.executeUpdate();
        }
        return null;
      });
      long stolen = System.nanoTime();
      waitUntil(() -> handler.happened.contains("final state refused"));
      System.out.println("the job stopped " + (System.nanoTime() - stolen) / 1_000_000 + " ms after its lease was taken (lease 600 ms)");
    }
    assertThat(handler.happened).contains("cancelled", "final state refused").doesNotContain("final state written", "never cancelled")
        .noneMatch(h -> h.startsWith("failed"));
    java.util.Map<String, java.util.Map<String, String>> written = db.read(tx -> RecordLog.load(tx, "arn:final"));
    assertThat(written).isEmpty();
    // The new owner's job is left as it was: running, under its lease.
    String owner = db.read(tx -> {
      try (java.sql.PreparedStatement p = tx.connection().prepareStatement("SELECT lease_owner FROM jobs WHERE target_arn = 'arn:stolen' AND state = 'RUNNING'");
          java.sql.ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : "no running job";
      }
    });
    assertThat(owner).isEqualTo(thief.value());
  }

  /** Runs until its job is cancelled or it is released, and records which came first. */
  private static final class Patient extends Recording {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void run(Job job) {
      happened.add("started " + job.targetArn() + "#" + job.attempts());
      started.countDown();
      boolean released = false;
      while (!released && !JobCancellation.ofThisThread().getAsBoolean()) {
        try {
          released = release.await(10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          // A cancellation interrupts the job's thread as well: the loop's test sees it.
        }
      }
      happened.add(JobCancellation.ofThisThread().getAsBoolean() ? "cancelled" : "released");
    }

  }

  /** Makes every statement on the jobs table fail, as when the replica is cut off from the database, until restored. */
  private void cutJobsTable(boolean cut) {
    db.write(tx -> {
      try (java.sql.Statement s = tx.connection().createStatement()) {
        s.executeUpdate(cut ? "ALTER TABLE jobs RENAME TO jobs_out_of_reach" : "ALTER TABLE jobs_out_of_reach RENAME TO jobs");
      }
      return null;
    });
  }

  @Test
  void a_replica_whose_renewals_fail_stops_its_job_once_its_lease_runs_out_and_another_runs_it_again() throws Exception {
    Patient onA = new Patient();
    Patient onB = new Patient();
    onB.release.countDown();
    try (JobRunner a = replica(db, "r-00000000000a", Duration.ofMillis(600))) {
      a.register("t", onA);
      a.start();
      db.write(tx -> {
        a.enqueue(tx, "t", "arn:cut-off");
        return null;
      });
      assertThat(onA.started.await(10, TimeUnit.SECONDS)).isTrue();
      cutJobsTable(true);
      long cut = System.nanoTime();
      try {
        if (database == TestDatabase.POSTGRESQL) {
          // Past the lease it last renewed, another replica may take the job: A stops it rather than run it twice.
          waitUntil(() -> onA.happened.contains("cancelled"));
          System.out.println("the job stopped " + (System.nanoTime() - cut) / 1_000_000 + " ms after its renewals began to fail (lease 600 ms)");
        } else {
          // One process per file: nobody else can take the job over, so it runs on through failed renewals.
          Thread.sleep(3 * 600);
          assertThat(onA.happened).containsExactly("started arn:cut-off#1");
        }
      } finally {
        cutJobsTable(false);
      }
      if (database == TestDatabase.SQLITE) {
        onA.release.countDown();
        waitUntilNoJobsLeft();
        assertThat(onA.happened).containsExactly("started arn:cut-off#1", "released");
        return;
      }
      try (JobRunner b = replica(db, "r-00000000000b", Duration.ofMillis(600))) {
        b.register("t", onB);
        b.start();
        waitUntilNoJobsLeft();
      }
    }
    assertThat(onA.happened).containsExactly("started arn:cut-off#1", "cancelled");
    assertThat(onB.happened).containsExactly("started arn:cut-off#2", "released");
  }

  @Test
  void a_job_whose_lease_holds_writes_its_final_state() throws Exception {
    Recorder recorder = new Recorder(1, null);
    List<String> written = new CopyOnWriteArrayList<>();
    try (JobRunner a = replica(db, "r-00000000000a", Duration.ofMillis(600))) {
      a.register("t", new JobHandler() {
        @Override
        public void run(Job job) throws Exception {
          db.write(tx -> {
            RecordLog.put(tx, "arn:final", job.targetArn(), 1, java.util.Map.of("state", "DONE"));
            return null;
          });
          written.add(job.targetArn());
          recorder.run(job);
        }

        @Override
        public void fail(Job job, String reason) {
          recorder.fail(job, reason);
        }
      });
      a.start();
      db.write(tx -> {
        a.enqueue(tx, "t", "arn:kept");
        return null;
      });
      assertThat(recorder.done.await(10, TimeUnit.SECONDS)).isTrue();
      waitUntilNoJobsLeft();
    }
    assertThat(written).containsExactly("arn:kept");
    java.util.Map<String, java.util.Map<String, String>> stored = db.read(tx -> RecordLog.load(tx, "arn:final"));
    assertThat(stored).containsOnlyKeys("arn:kept");
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
