package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.control.CampaignOperations;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.CampaignSettings;
import io.tastemaker.server.serving.CampaignSync;
import io.tastemaker.server.serving.ModelFaults;
import java.util.Optional;

/**
 * Deploys a campaign, or applies its pending update: the campaign serves its new solution version
 * and configuration from the moment the update turns ACTIVE; a campaign that follows its solution
 * then checks for a newer version. A model file that cannot be loaded fails the deployment (or
 * the update, while the campaign keeps serving what it served) with a reason naming the file.
 */
public final class DeploymentJob extends ResourceJob {
  private final CampaignServing serving;
  private final CampaignSync sync;

  public DeploymentJob(ApiContext ctx, CampaignServing serving, CampaignSync sync) {
    super(ctx);
    this.serving = serving;
    this.sync = sync;
  }

  @Override
  public void run(Job job) throws JobFailure {
    Optional<Resource> campaign = target(job);
    if (campaign.isEmpty()) {
      return;
    }
    if (campaign.get().hasStatus(Status.CREATE_PENDING)) {
      status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
      deploy(job, campaign.get().text("solutionVersionArn").orElseThrow(), campaign.get().attributes().get("campaignConfig"));
      status(job, Status.ACTIVE, Optional.empty());
      sync.follow(job.targetArn());
      return;
    }
    updateStep(job, Status.CREATE_IN_PROGRESS, Optional.empty(), false);
    JsonNode update = campaign.get().attributes().path(CampaignOperations.LATEST_UPDATE);
    // Load first, then switch: requests keep getting the old model until the new one is in memory.
    deploy(job, update.path("solutionVersionArn").asText(), update.get("campaignConfig"));
    updateStep(job, Status.ACTIVE, Optional.empty(), true);
    // A version that turned ACTIVE while this one deployed is the next to follow.
    sync.follow(job.targetArn());
  }

  /** Loads the version's model into the campaign with its configuration; a damaged model file fails the deployment, naming the file. */
  private void deploy(Job job, String solutionVersionArn, JsonNode campaignConfig) throws JobFailure {
    try {
      serving.deploy(job.targetArn(), solutionVersionArn, CampaignSettings.of(campaignConfig));
    } catch (DamagedObjectException e) {
      new ModelFaults(ctx).versionDamaged(solutionVersionArn, e);
      throw new JobFailure(
          "The campaign cannot serve the solution version " + solutionVersionArn + ": its model cannot be loaded: " + e.getMessage()
              + ". Train a new solution version (CreateSolutionVersion) and deploy it.", e);
    }
  }

  /** Moves the pending update to a status; when it turns ACTIVE the campaign adopts its settings. */
  private void updateStep(Job job, String status, Optional<String> reason, boolean apply) {
    ctx.db().write(tx -> {
      Optional<Resource> found = ctx.resources().find(tx, job.targetArn());
      if (found.isEmpty() || !found.get().attributes().has(CampaignOperations.LATEST_UPDATE)) {
        return null;
      }
      Resource campaign = found.get();
      ObjectNode attributes = campaign.attributes();
      ObjectNode update = (ObjectNode) attributes.get(CampaignOperations.LATEST_UPDATE);
      update.put("status", status);
      reason.ifPresent(r -> update.put("failureReason", r));
      update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
      if (apply) {
        attributes.set("solutionVersionArn", update.get("solutionVersionArn"));
        attributes.set("minProvisionedTPS", update.get("minProvisionedTPS"));
        if (update.has("campaignConfig")) {
          attributes.set("campaignConfig", update.get("campaignConfig"));
        }
      }
      String campaignStatus = apply ? Status.ACTIVE : campaign.statusOrEmpty();
      Optional<String> campaignReason = apply ? Optional.empty() : campaign.failureReason();
      ctx.resources()
          .update(
              tx,
              new Resource(
                  campaign.arn(), campaign.kind(), campaign.name(), campaign.parentArn(), campaign.datasetGroupArn(),
                  Optional.of(campaignStatus), campaignReason, campaign.createdAt(), ctx.clock().instant(), attributes));
      return null;
    });
  }

  @Override
  public void fail(Job job, String reason) {
    Optional<Resource> campaign = target(job);
    if (campaign.isPresent() && campaign.get().attributes().has(CampaignOperations.LATEST_UPDATE)
        && !campaign.get().hasStatus(Status.CREATE_PENDING) && !campaign.get().hasStatus(Status.CREATE_IN_PROGRESS)) {
      updateStep(job, Status.CREATE_FAILED, Optional.of(reason), false);
    } else {
      super.fail(job, reason);
    }
  }
}
