package io.tastemaker.server.work;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobHandler;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.util.Optional;

/** A job that brings one resource through CREATE IN_PROGRESS to ACTIVE or CREATE FAILED. */
abstract class ResourceJob implements JobHandler {
  protected final ApiContext ctx;

  ResourceJob(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The job's resource as stored now, empty when it was deleted meanwhile. */
  protected Optional<Resource> target(Job job) {
    return ctx.db().read(tx -> ctx.resources().find(tx, job.targetArn()));
  }

  /** Sets the status of the job's resource unless it is being deleted or was stopped. */
  protected void status(Job job, String status, Optional<String> reason) {
    ctx.db().write(tx -> {
      Optional<Resource> r = ctx.resources().find(tx, job.targetArn());
      if (r.isPresent() && !r.get().status().map(ResourceJob::settled).orElse(false)) {
        ctx.resources().update(tx, r.get().withStatus(status, reason, ctx.clock().instant()));
      }
      return null;
    });
  }

  /** Statuses a job must not overwrite: the user's stop or delete wins over the job's progress. */
  private static boolean settled(String status) {
    return Status.DELETING.contains(status) || status.equals(Status.CREATE_STOPPED) || status.equals(Status.CREATE_STOPPING);
  }

  /** A full disk in plain words; anything else as an internal error. */
  @Override
  public String failureReason(Exception failure) {
    return ctx.disk().describe(failure).orElseGet(() -> JobHandler.super.failureReason(failure));
  }

  @Override
  public void fail(Job job, String reason) {
    status(job, Status.CREATE_FAILED, Optional.of(reason));
  }
}
