package io.tastemaker.server.work;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Status;
import java.util.Optional;

/** A job whose work this version of Tastemaker cannot do yet: it fails with that reason. */
public final class NotYetAvailableJob extends ResourceJob {
  private final String what;

  public NotYetAvailableJob(ApiContext ctx, String what) {
    super(ctx);
    this.what = what;
  }

  @Override
  public void run(Job job) throws JobFailure {
    status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
    throw new JobFailure(what + " is not available in this version of Tastemaker yet.");
  }

  @Override
  public boolean heavy() {
    return true;
  }
}
