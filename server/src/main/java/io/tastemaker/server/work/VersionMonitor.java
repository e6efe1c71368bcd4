package io.tastemaker.server.work;

import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Watches a training solution version for StopSolutionVersionCreation and logs progress. */
final class VersionMonitor implements TrainingMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(VersionMonitor.class);
  private static final long CHECK_EVERY_NANOS = 500_000_000L;

  private final ApiContext ctx;
  private final String arn;
  private long lastCheck;
  private boolean stop;

  VersionMonitor(ApiContext ctx, String arn) {
    this.ctx = ctx;
    this.arn = arn;
  }

  @Override
  public synchronized boolean stopRequested() {
    long now = System.nanoTime();
    if (!stop && now - lastCheck > CHECK_EVERY_NANOS) {
      lastCheck = now;
      Optional<Resource> version = ctx.db().read(tx -> ctx.resources().find(tx, arn));
      stop = version.isEmpty() || version.get().hasStatus(Status.CREATE_STOPPING) || version.get().hasStatus(Status.CREATE_STOPPED);
    }
    return stop;
  }

  @Override
  public void progress(double fraction, String message) {
    LOG.info("{}: {}% {}", arn, Math.round(fraction * 100), message);
  }
}
