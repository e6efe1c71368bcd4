package io.tastemaker.server.work;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.util.Optional;

/**
 * Brings a resource that needs no work of its own (dataset group, dataset, solution, filter, event
 * tracker) from CREATE PENDING to ACTIVE, once the dataset group it was created in is ACTIVE.
 */
public final class ActivationJob extends ResourceJob {
  public ActivationJob(ApiContext ctx) {
    super(ctx);
  }

  @Override
  public void run(Job job) throws JobFailure {
    Optional<Resource> target = target(job);
    if (target.isPresent() && target.get().parentArn().isPresent()) {
      ParentActivation.await(ctx, target.get().parentArn().get(), target.get().kind().label() + " " + job.targetArn());
    }
    status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
    status(job, Status.ACTIVE, Optional.empty());
  }
}
