package io.tastemaker.server.work;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.resources.Status;
import java.util.Optional;

/**
 * Brings a resource that needs no work of its own (dataset group, dataset, solution, filter, event
 * tracker) from CREATE PENDING to ACTIVE.
 */
public final class ActivationJob extends ResourceJob {
  public ActivationJob(ApiContext ctx) {
    super(ctx);
  }

  @Override
  public void run(Job job) {
    status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
    status(job, Status.ACTIVE, Optional.empty());
  }
}
