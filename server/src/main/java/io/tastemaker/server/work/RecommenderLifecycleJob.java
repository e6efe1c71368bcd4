package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.control.RecommenderOperations;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.RecommenderServing;
import java.util.Optional;

/**
 * StopRecommender (STOP PENDING, STOP IN_PROGRESS, INACTIVE: the model is unloaded and requests are
 * refused), StartRecommender (START PENDING, START IN_PROGRESS, ACTIVE: the model is loaded again),
 * and an update that needs no training (its config applies, the update turns ACTIVE). Each step is
 * stored, so a restart resumes from where it was.
 */
public final class RecommenderLifecycleJob extends ResourceJob {
  private final RecommenderServing serving;

  public RecommenderLifecycleJob(ApiContext ctx, RecommenderServing serving) {
    super(ctx);
    this.serving = serving;
  }

  @Override
  public void run(Job job) throws JobFailure {
    Optional<Resource> found = target(job);
    if (found.isEmpty()) {
      return;
    }
    Resource r = found.get();
    if (r.hasStatus(Status.STOP_PENDING) || r.hasStatus(Status.STOP_IN_PROGRESS)) {
      status(job, Status.STOP_IN_PROGRESS, Optional.empty());
      serving.undeploy(r.arn());
      status(job, Status.INACTIVE, Optional.empty());
    } else if (r.hasStatus(Status.START_PENDING) || r.hasStatus(Status.START_IN_PROGRESS)) {
      status(job, Status.START_IN_PROGRESS, Optional.empty());
      status(job, Status.ACTIVE, Optional.empty());
      load(job);
    } else if (Status.UNFINISHED.contains(r.attributes().path(RecommenderOperations.LATEST_UPDATE).path("status").asText())) {
      applyUpdate(job);
      if (r.hasStatus(Status.ACTIVE)) {
        load(job);
      }
    }
  }

  private void load(Job job) throws JobFailure {
    try {
      serving.deploy(job.targetArn());
    } catch (DamagedObjectException e) {
      throw new JobFailure("The recommender's model cannot be loaded: " + e.getMessage() + ". UpdateRecommender with a new trainingDataConfig trains it again.", e);
    }
  }

  private void applyUpdate(Job job) {
    ctx.db().write(tx -> {
      Optional<Resource> found = ctx.resources().find(tx, job.targetArn());
      if (found.isEmpty()) {
        return null;
      }
      ObjectNode attributes = found.get().attributes();
      ObjectNode update = (ObjectNode) attributes.get(RecommenderOperations.LATEST_UPDATE);
      update.put("status", Status.ACTIVE);
      update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
      attributes.set("recommenderConfig", update.get("recommenderConfig"));
      ctx.resources().update(tx, found.get().withAttributes(attributes, ctx.clock().instant()));
      return null;
    });
  }

  @Override
  public void fail(Job job, String reason) {
    Optional<Resource> found = target(job);
    if (found.isEmpty()) {
      return;
    }
    Resource r = found.get();
    if (r.hasStatus(Status.START_PENDING) || r.hasStatus(Status.START_IN_PROGRESS) || r.hasStatus(Status.ACTIVE)) {
      // A model that cannot be loaded: the recommender stays as it was asked to be, saying why it cannot serve.
      status(job, r.hasStatus(Status.ACTIVE) ? Status.ACTIVE : Status.INACTIVE, Optional.of(reason));
    } else {
      status(job, Status.INACTIVE, Optional.of(reason));
    }
  }
}
