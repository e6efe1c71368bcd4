package io.tastemaker.server.work;

import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.jobs.JobCancellation;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a training solution version for StopSolutionVersionCreation (and its job for a lost lease), logs its progress and shows
 * it in the version's {@code progress} member ({@code percentDone}, {@code message}) while it trains.
 */
final class VersionMonitor implements TrainingMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(VersionMonitor.class);
  private static final long CHECK_EVERY_NANOS = 500_000_000L;

  private final ApiContext ctx;
  private final String arn;
  private final ProgressMember progress;
  private long lastCheck;
  private long lastLoggedPercent = -1;
  private boolean stop;
  /** Whether the job running this training was cancelled: its replica lost the lease. */
  private final BooleanSupplier cancelled = JobCancellation.ofThisThread();

  VersionMonitor(ApiContext ctx, String arn) {
    this.ctx = ctx;
    this.arn = arn;
    this.progress = new ProgressMember(ctx, arn);
  }

  @Override
  public synchronized boolean stopRequested() {
    if (cancelled.getAsBoolean()) {
      return true;
    }
    long now = System.nanoTime();
    if (!stop && now - lastCheck > CHECK_EVERY_NANOS) {
      lastCheck = now;
      Optional<Resource> version = ctx.db().read(tx -> ctx.resources().find(tx, arn));
      stop = version.isEmpty() || version.get().hasStatus(Status.CREATE_STOPPING) || version.get().hasStatus(Status.CREATE_STOPPED);
    }
    return stop;
  }

  @Override
  public synchronized void progress(double fraction, String message) {
    long percent = Math.round(fraction * 100);
    if (percent != lastLoggedPercent) {
      lastLoggedPercent = percent;
      LOG.info("{}: {}% {}", arn, percent, message);
    }
    progress.offer(member -> {
      member.put("percentDone", Math.round(fraction * 1000) / 10.0);
      member.put("message", message);
    });
  }
}
