package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * CreateCampaign, DescribeCampaign, ListCampaigns, UpdateCampaign and DeleteCampaign.
 *
 * <p>A campaign is listed under its solution; an update records {@code latestCampaignUpdate} and the
 * campaign keeps serving its current version until the update is ACTIVE.
 */
public final class CampaignOperations {
  private static final ResourceKind KIND = ResourceKind.CAMPAIGN;
  public static final String LATEST_UPDATE = "latestCampaignUpdate";

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public CampaignOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateCampaign", this::create);
    registry.register("DescribeCampaign", standard.describe(KIND));
    registry.register("ListCampaigns", standard.list(KIND, Optional.of("solutionArn")));
    registry.register("UpdateCampaign", this::update);
    registry.register("DeleteCampaign", this::delete);
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    String versionArn = input.text("solutionVersionArn");
    input.object("campaignConfig").ifPresent(c -> ExplorationConfig.check(c, "campaignConfig"));
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      Resource version = activeVersion(tx, versionArn);
      String groupArn = version.datasetGroupArn().orElseThrow();
      long campaigns = ctx.resources().inGroup(tx, KIND, groupArn).size();
      if (campaigns >= ctx.quotas().campaignsPerGroup()) {
        throw ApiException.limitExceeded(
            "Cannot create a campaign. More than " + ctx.quotas().campaignsPerGroup() + " resources in ACTIVE state. Please delete some and try again.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("solutionVersionArn", versionArn);
      attributes.put("minProvisionedTPS", input.optionalInt("minProvisionedTPS").orElse(1));
      input.raw("campaignConfig").ifPresent(c -> attributes.set("campaignConfig", c));
      Resource r = life.newResource(KIND, arn, name, version.parentArn(), Optional.of(groupArn), attributes);
      life.insert(tx, r, name, input.raw("tags"), Optional.of(JobTypes.DEPLOY));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("campaignArn", arn);
    return answer;
  }

  private Resource activeVersion(Transaction tx, String versionArn) throws SQLException {
    return life.requireStatus(tx, ResourceKind.SOLUTION_VERSION, versionArn, Status.ACTIVE);
  }

  private JsonNode update(Input input) {
    String arn = input.text("campaignArn");
    input.object("campaignConfig").ifPresent(c -> ExplorationConfig.check(c, "campaignConfig"));
    ctx.db().write(tx -> {
      Resource campaign = life.require(tx, KIND, arn);
      if (!campaign.hasStatus(Status.ACTIVE) && !campaign.hasStatus(Status.CREATE_FAILED)) {
        throw ApiException.inUse("The campaign " + arn + " is " + campaign.statusOrEmpty() + "; it can be updated when ACTIVE or CREATE FAILED.");
      }
      ObjectNode attributes = campaign.attributes();
      JsonNode previous = attributes.path(LATEST_UPDATE).path("status");
      if (Status.UNFINISHED.contains(previous.asText())) {
        throw ApiException.inUse("The campaign " + arn + " has an update that is " + previous.asText() + "; wait for it to finish.");
      }
      String versionArn = input.optionalText("solutionVersionArn").orElse(attributes.path("solutionVersionArn").asText());
      Resource version = activeVersion(tx, versionArn);
      if (!version.parentArn().equals(campaign.parentArn())) {
        throw ApiException.invalidInput(
            "The solution version " + versionArn + " belongs to another solution; a campaign serves versions of " + campaign.parentArn().orElse("") + ".");
      }
      ObjectNode update = attributes.putObject(LATEST_UPDATE);
      update.put("solutionVersionArn", versionArn);
      update.put("minProvisionedTPS", input.optionalInt("minProvisionedTPS").orElse(attributes.path("minProvisionedTPS").asInt(1)));
      JsonNode config = input.raw("campaignConfig").orElse(attributes.get("campaignConfig"));
      if (config != null) {
        update.set("campaignConfig", config);
      }
      update.put("status", Status.CREATE_PENDING);
      update.put("creationDateTime", Json.epochSeconds(ctx.clock().instant()));
      update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
      ctx.resources().update(tx, campaign.withAttributes(attributes, ctx.clock().instant()));
      ctx.jobs().enqueue(tx, JobTypes.DEPLOY, arn);
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("campaignArn", arn);
    return answer;
  }

  private JsonNode delete(Input input) {
    String arn = input.text("campaignArn");
    ctx.db().write(tx -> {
      life.requestDeletion(tx, life.require(tx, KIND, arn));
      return null;
    });
    return Json.object();
  }
}
