package io.tastemaker.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.store.Database;
import io.tastemaker.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
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
      store.claim(tx, store.inState(tx, JobStore.QUEUED).get(0), 2);
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
        Job claimed = store.claim(tx, queued, 2).orElseThrow();
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
      store.claim(tx, store.inState(tx, JobStore.QUEUED).get(0), 2);
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
}
