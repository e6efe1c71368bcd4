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
 *
 * <p>Replicas on one PostgreSQL database share the table: a job runs on the one replica whose
 * conditional UPDATE claimed it, under a lease its heartbeat renews. A job whose lease ran out (its
 * replica was killed or cut off) is recovered by whichever replica sees it first, as a start recovers
 * a dead process's jobs. The embedded SQLite file has one process, so its start takes every running
 * job at once.
 */
public final class JobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final long POLL_MILLIS = 1000;

  private final Database db;
  private final Clock clock;
  private final ReplicaId replica;
  private final JobLease lease;
  /** Whether other processes may share the database (PostgreSQL), so that leases must be watched. */
  private final boolean shared;
  /** The jobs this replica runs now, whose leases the heartbeat renews, by id. */
  private final Map<String, Running> owned = new ConcurrentHashMap<>();
  private final JobStore store = new JobStore();
  private final Map<String, JobHandler> handlers = new HashMap<>();
  private final Set<String> dispatched = ConcurrentHashMap.newKeySet();
  private volatile Consumer<Job> afterFailure = job -> {};
  private final ExecutorService quick;
  private final ExecutorService heavy;
  private final ScheduledExecutorService poller;
  private final ScheduledExecutorService heartbeat;
  private volatile boolean running;

  /** A runner under a new random replica id and the default lease. */
  public JobRunner(Database db, Clock clock, int quickWorkers, int heavyWorkers) {
    this(db, clock, quickWorkers, heavyWorkers, ReplicaId.random(), new JobLease(JobLease.DEFAULT));
  }

  public JobRunner(Database db, Clock clock, int quickWorkers, int heavyWorkers, ReplicaId replica, JobLease lease) {
    this.db = db;
    this.clock = clock;
    this.replica = replica;
    this.lease = lease;
    this.shared = db.isPostgresql();
    this.quick = Executors.newFixedThreadPool(quickWorkers, daemon("job-quick"));
    this.heavy = Executors.newFixedThreadPool(heavyWorkers, daemon("job-heavy"));
    this.poller = Executors.newSingleThreadScheduledExecutor(daemon("job-poller"));
    // Apart from the poller, so that a slow poll never lets a lease run out.
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("job-heartbeat"));
  }

  /** The id this process runs jobs under. */
  public ReplicaId replica() {
    return replica;
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
    LOG.info("replica {} runs jobs under a {} s lease", replica, lease.duration().toMillis() / 1000.0);
    long now = clock.millis();
    // The embedded file is this process's alone: whatever it lists as running, a dead process ran.
    List<Job> interrupted = shared ? db.read(tx -> store.expired(tx, now, replica)) : db.read(tx -> store.inState(tx, JobStore.RUNNING));
    for (Job job : interrupted) {
      recover(job, shared ? now : Long.MAX_VALUE);
    }
    beforeFirstJob.run();
    long beat = lease.heartbeat().toMillis();
    heartbeat.scheduleWithFixedDelay(this::renewSafely, beat, beat, TimeUnit.MILLISECONDS);
    poller.scheduleWithFixedDelay(this::pollSafely, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The jobs running now, on every replica. */
  public List<Job> running() {
    return db.read(tx -> store.inState(tx, JobStore.RUNNING));
  }

  /**
   * Takes a job whose lease ended before {@code expiredBefore} and queues it again, or fails it after
   * too many attempts; does nothing when another replica got there first.
   */
  private void recover(Job job, long expiredBefore) {
    JobHandler handler = handlers.get(job.type());
    boolean again = handler != null && job.attempts() < handler.maxAttempts();
    long now = clock.millis();
    boolean taken = db.write(tx -> {
      if (!store.takeOver(tx, job, replica, now, now + lease.duration().toMillis(), expiredBefore)) {
        return false;
      }
      if (again) {
        store.requeue(tx, job, now);
      }
      return true;
    });
    if (!taken) {
      return;
    }
    if (again) {
      LOG.info("job {} {} on {} was interrupted (its process stopped); replica {} queues it again", job.type(), job.id(), job.targetArn(), replica);
      return;
    }
    owned.put(job.id(), new Running(Optional.empty(), now + lease.duration().toMillis()));
    try {
      String reason =
          handler == null
              ? "Interrupted by a server restart; this server cannot run jobs of type " + job.type() + "."
              : "Interrupted by server restarts " + job.attempts() + " times; giving up.";
      if (handler != null) {
        handler.fail(job, reason);
      }
      db.write(tx -> store.remove(tx, job.id(), replica));
    } finally {
      owned.remove(job.id());
    }
  }

  private void pollSafely() {
    try {
      if (shared && running) {
        long now = clock.millis();
        for (Job job : db.read(tx -> store.expired(tx, now, replica))) {
          recover(job, now);
        }
      }
      wake();
    } catch (RuntimeException e) {
      LOG.warn("job poll failed", e);
    }
  }

  private void renewSafely() {
    try {
      renew();
    } catch (RuntimeException e) {
      LOG.warn("renewing the leases of replica {} failed", replica, e);
      if (!shared) {
        // One process per file: nobody else takes a job over, so a failed renewal costs nothing.
        return;
      }
      // Past its lease end another replica may take a job over: stop it here rather than run it twice.
      long now = clock.millis();
      owned.forEach((id, running) -> {
        if (running.leaseEnd() <= now) {
          cancel(id, running, "its lease ran out before it could be renewed");
        }
      });
    }
  }

  /** Moves on the leases of the jobs this replica runs, and cancels those it has lost. */
  private void renew() {
    if (owned.isEmpty()) {
      return;
    }
    long leaseEnd = clock.millis() + lease.duration().toMillis();
    List<String> lost = db.write(tx -> {
      List<String> gone = new java.util.ArrayList<>();
      for (String id : owned.keySet()) {
        if (!store.renew(tx, id, replica, leaseEnd)) {
          gone.add(id);
        }
      }
      return gone;
    });
    owned.forEach((id, running) -> {
      if (lost.contains(id)) {
        cancel(id, running, "another replica took its lease over (it was not renewed in time)");
      } else {
        running.renewedUntil(leaseEnd);
      }
    });
  }

  /** Stops a job this replica lost the lease of: its loops see the flag, its thread is interrupted, its writes are refused. */
  private void cancel(String id, Running running, String why) {
    if (running.cancelAndInterrupt()) {
      LOG.warn("replica {} stops job {}: {}; another replica may run it again", replica, id, why);
    }
  }

  /** A job this replica runs: the thread to interrupt if it must stop, when its lease ends as last renewed, and whether it was cancelled. */
  private static final class Running {
    private final Optional<Thread> thread;
    private volatile long leaseEnd;
    private final java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    /** Set once the job's thread left it, after which an interrupt would hit the pool's next job. */
    private boolean ended;

    Running(Optional<Thread> thread, long leaseEnd) {
      this.thread = thread;
      this.leaseEnd = leaseEnd;
    }

    long leaseEnd() {
      return leaseEnd;
    }

    void renewedUntil(long end) {
      leaseEnd = end;
    }

    boolean cancelled() {
      return cancelled.get();
    }

    /** True the first time. */
    boolean cancel() {
      return cancelled.compareAndSet(false, true);
    }

    /** Cancels the job and interrupts its thread while the thread still runs it; true the first time. */
    synchronized boolean cancelAndInterrupt() {
      boolean first = cancel();
      if (first && !ended) {
        thread.ifPresent(Thread::interrupt);
      }
      return first;
    }

    /** The job's thread is done with it. */
    synchronized void end() {
      ended = true;
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
      long now = clock.millis();
      Optional<Job> claimed = db.write(tx -> store.claim(tx, queued, replica, now, now + lease.duration().toMillis()));
      if (claimed.isEmpty()) {
        return;
      }
      Running running = new Running(Optional.of(Thread.currentThread()), now + lease.duration().toMillis());
      owned.put(queued.id(), running);
      boolean finished;
      try {
        finished = execute(claimed.get(), handler, running);
      } finally {
        owned.remove(queued.id());
        running.end();
        // An interrupt meant for the cancelled job must not reach the pool's next one.
        if (running.cancelled()) {
          Thread.interrupted();
        }
      }
      if (running.cancelled()) {
        LOG.info("job {} on {} stopped on replica {}, which lost its lease", queued.type(), queued.targetArn(), replica);
      } else if (finished) {
        if (!db.write(tx -> store.remove(tx, queued.id(), replica))) {
          LOG.warn("job {} on {} finished on replica {} after another replica took it over", queued.type(), queued.targetArn(), replica);
        }
      } else if (shared) {
        // Stopped by a shutdown: hand it to the other replicas now rather than when the lease runs out.
        // The shutdown's interrupt would stop the pool from lending a connection for that.
        boolean interrupted = Thread.interrupted();
        try {
          db.write(tx -> {
            if (store.renew(tx, queued.id(), replica, 0)) {
              store.requeue(tx, claimed.get(), clock.millis());
            }
            return null;
          });
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.error("job bookkeeping failed for {}", queued.id(), e);
    } finally {
      dispatched.remove(queued.id());
    }
  }

  /**
   * Runs a job, its writes refused once this replica no longer holds its lease; false when a shutdown
   * interrupted it, so that the next start runs it again.
   */
  private boolean execute(Job job, JobHandler handler, Running lease) {
    db.guardWrites(tx -> {
      if (lease.cancelled() || !store.holds(tx, job.id(), replica)) {
        lease.cancel();
        throw new LeaseLostException("replica " + replica + " no longer holds the lease of job " + job.id() + " on " + job.targetArn());
      }
      return null;
    });
    JobCancellation.set(lease::cancelled);
    try {
      return executeGuarded(job, handler, lease);
    } finally {
      JobCancellation.clear();
      db.unguardWrites();
    }
  }

  private boolean executeGuarded(Job job, JobHandler handler, Running lease) {
    try {
      handler.run(job);
      return true;
    } catch (Exception | AssertionError e) {
      if (lease.cancelled() || e instanceof LeaseLostException) {
        // Another replica may run it now: nothing of this run is written, not even its failure.
        lease.cancel();
        return true;
      }
      if (!running) {
        LOG.info("job {} on {} stopped by shutdown", job.type(), job.targetArn());
        return false;
      }
      try {
        if (e instanceof JobFailure) {
          LOG.info("job {} on {} failed: {}", job.type(), job.targetArn(), e.getMessage());
          handler.fail(job, e.getMessage());
        } else {
          LOG.error("job {} on {} crashed", job.type(), job.targetArn(), e);
          handler.fail(job, e instanceof Exception exception ? handler.failureReason(exception) : "Internal error: " + e);
        }
      } catch (LeaseLostException lost) {
        lease.cancel();
        return true;
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
    heartbeat.shutdownNow();
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
