package io.tastemaker.server.jobs;

import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.Transaction;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs from the {@code jobs} table on two lanes: quick lifecycle work, and heavy work (imports,
 * training, batch inference) that must not hold up the quick lane.
 *
 * <p>Jobs are rows first: a job is enqueued in the same transaction as its resource, so it survives
 * the process. On start, a job a dead process left running is queued again, up to the handler's
 * attempt limit, after which its resource fails with a reason. A poller picks up anything a wake-up
 * missed. Work that must see no job running (cleaning up what a dead process left) runs between the
 * recovery and the first job; a failed job is followed by the cleanup registered for it.
 */
public final class JobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final long POLL_MILLIS = 1000;

  private final Database db;
  private final Clock clock;
  private final JobStore store = new JobStore();
  private final Map<String, JobHandler> handlers = new HashMap<>();
  private final Set<String> dispatched = ConcurrentHashMap.newKeySet();
  private volatile Consumer<Job> afterFailure = job -> {};
  private final ExecutorService quick;
  private final ExecutorService heavy;
  private final ScheduledExecutorService poller;
  private volatile boolean running;

  public JobRunner(Database db, Clock clock, int quickWorkers, int heavyWorkers) {
    this.db = db;
    this.clock = clock;
    this.quick = Executors.newFixedThreadPool(quickWorkers, daemon("job-quick"));
    this.heavy = Executors.newFixedThreadPool(heavyWorkers, daemon("job-heavy"));
    this.poller = Executors.newSingleThreadScheduledExecutor(daemon("job-poller"));
  }

  /** Registers the handler of a job type; all handlers are registered before {@link #start}. */
  public void register(String type, JobHandler handler) {
    if (handlers.putIfAbsent(type, handler) != null) {
      throw new IllegalArgumentException("job type registered twice: " + type);
    }
  }

  /** Queues a job inside the caller's transaction; it starts once the transaction commits. */
  public void enqueue(Transaction tx, String type, String targetArn) throws SQLException {
    if (!handlers.containsKey(type)) {
      throw new IllegalArgumentException("no handler for job type " + type);
    }
    store.insert(tx, type, targetArn, clock.millis());
    tx.afterCommit(this::wake);
  }

  /** Hears of every job that failed, after its resource was marked failed; registered before {@link #start}. */
  public void afterFailure(Consumer<Job> action) {
    this.afterFailure = action;
  }

  /** Recovers jobs a previous process left behind, then starts running queued work. */
  public void start() {
    start(() -> {});
  }

  /**
   * Recovers jobs a previous process left behind, runs {@code beforeFirstJob} while no job runs, then
   * starts running queued work.
   */
  public void start(Runnable beforeFirstJob) {
    running = true;
    List<Job> interrupted = db.read(tx -> store.inState(tx, JobStore.RUNNING));
    for (Job job : interrupted) {
      recover(job);
    }
    beforeFirstJob.run();
    poller.scheduleWithFixedDelay(this::wakeSafely, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The jobs running now. */
  public List<Job> running() {
    return db.read(tx -> store.inState(tx, JobStore.RUNNING));
  }

  private void recover(Job job) {
    JobHandler handler = handlers.get(job.type());
    if (handler != null && job.attempts() < handler.maxAttempts()) {
      LOG.info("job {} {} on {} was interrupted by a restart; running it again", job.type(), job.id(), job.targetArn());
      db.write(tx -> {
        store.requeue(tx, job, clock.millis());
        return null;
      });
      return;
    }
    String reason =
        handler == null
            ? "Interrupted by a server restart; this server cannot run jobs of type " + job.type() + "."
            : "Interrupted by server restarts " + job.attempts() + " times; giving up.";
    if (handler != null) {
      handler.fail(job, reason);
    }
    db.write(tx -> {
      store.remove(tx, job.id());
      return null;
    });
  }

  private void wakeSafely() {
    try {
      wake();
    } catch (RuntimeException e) {
      LOG.warn("job poll failed", e);
    }
  }

  /** Dispatches every queued job not yet dispatched. */
  public void wake() {
    if (!running) {
      return;
    }
    for (Job job : db.read(tx -> store.inState(tx, JobStore.QUEUED))) {
      JobHandler handler = handlers.get(job.type());
      if (handler == null || !dispatched.add(job.id())) {
        continue;
      }
      (handler.heavy() ? heavy : quick).execute(() -> runClaimed(job, handler));
    }
  }

  private void runClaimed(Job queued, JobHandler handler) {
    try {
      Optional<Job> claimed = db.write(tx -> store.claim(tx, queued, clock.millis()));
      if (claimed.isPresent() && execute(claimed.get(), handler)) {
        db.write(tx -> {
          store.remove(tx, queued.id());
          return null;
        });
      }
    } catch (RuntimeException e) {
      LOG.error("job bookkeeping failed for {}", queued.id(), e);
    } finally {
      dispatched.remove(queued.id());
    }
  }

  /** Runs a job; false when a shutdown interrupted it, so that the next start runs it again. */
  private boolean execute(Job job, JobHandler handler) {
    try {
      handler.run(job);
      return true;
    } catch (Exception | AssertionError e) {
      if (!running) {
        LOG.info("job {} on {} stopped by shutdown", job.type(), job.targetArn());
        return false;
      }
      if (e instanceof JobFailure) {
        LOG.info("job {} on {} failed: {}", job.type(), job.targetArn(), e.getMessage());
        handler.fail(job, e.getMessage());
      } else {
        LOG.error("job {} on {} crashed", job.type(), job.targetArn(), e);
        handler.fail(job, e instanceof Exception exception ? handler.failureReason(exception) : "Internal error: " + e);
      }
      try {
        afterFailure.accept(job);
      } catch (RuntimeException cleanup) {
        LOG.warn("cleaning up after job {} on {} failed", job.type(), job.targetArn(), cleanup);
      }
      return true;
    }
  }

  @Override
  public void close() {
    running = false;
    poller.shutdownNow();
    quick.shutdownNow();
    heavy.shutdownNow();
    try {
      quick.awaitTermination(10, TimeUnit.SECONDS);
      heavy.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
