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
import io.tastemaker.server.serving.CampaignSync;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * CreateCampaign, DescribeCampaign, ListCampaigns, UpdateCampaign and DeleteCampaign.
 *
 * <p>A campaign is listed under its solution; an update records {@code latestCampaignUpdate} and the
 * campaign keeps serving its current version and configuration until the update is ACTIVE. {@code
 * solutionVersionArn} may name {@code SolutionArn/$LATEST}, the solution's newest ACTIVE FULL
 * version, which a campaign with {@code syncWithLatestSolutionVersion} must do and then keeps
 * following ({@link CampaignSync}); its {@code solutionVersionArn} shows the version it serves.
 */
public final class CampaignOperations {
  private static final ResourceKind KIND = ResourceKind.CAMPAIGN;
  public static final String LATEST_UPDATE = CampaignSync.LATEST_UPDATE;

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
    input.object("campaignConfig").ifPresent(c -> CampaignConfigs.check(c, "campaignConfig"));
    JsonNode config = input.raw("campaignConfig").orElse(null);
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      Resource version = deployable(tx, versionArn, config);
      String groupArn = version.datasetGroupArn().orElseThrow();
      CampaignConfigs.checkMetadata(ctx, tx, config, groupArn);
      long campaigns = ctx.resources().inGroup(tx, KIND, groupArn).size();
      if (campaigns >= ctx.quotas().campaignsPerGroup()) {
        throw ApiException.limitExceeded(
            "Cannot create a campaign. More than " + ctx.quotas().campaignsPerGroup() + " resources in ACTIVE state. Please delete some and try again.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("solutionVersionArn", version.arn());
      attributes.put("minProvisionedTPS", input.optionalInt("minProvisionedTPS").orElse(1));
      if (config != null) {
        attributes.set("campaignConfig", config);
      }
      Resource r = life.newResource(KIND, arn, name, version.parentArn(), Optional.of(groupArn), attributes);
      life.insert(tx, r, name, input.raw("tags"), Optional.of(JobTypes.DEPLOY));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("campaignArn", arn);
    return answer;
  }

  private Resource activeVersion(Transaction tx, String versionArn) throws SQLException {
    Resource version = life.requireStatus(tx, ResourceKind.SOLUTION_VERSION, versionArn, Status.ACTIVE);
    BatchSegmentOperations.refuseSegmentation(version, "solutionVersionArn");
    return version;
  }

  /**
   * The version a request deploys: a solution version as named, or for {@code SolutionArn/$LATEST}
   * the solution's newest ACTIVE version trained in FULL mode. A campaign that follows its solution
   * ({@code syncWithLatestSolutionVersion}) must name it so.
   */
  private Resource deployable(Transaction tx, String versionArn, JsonNode config) throws SQLException {
    Optional<String> solution = CampaignSync.latestOf(versionArn);
    if (CampaignSync.follows(config) && solution.isEmpty()) {
      throw ApiException.invalidInput(
          "campaignConfig.syncWithLatestSolutionVersion true needs solutionVersionArn in SolutionArn/$LATEST format, such as "
              + ctx.arns().of(ResourceKind.SOLUTION, "my-solution") + "/$LATEST; got " + versionArn + ".");
    }
    if (solution.isEmpty()) {
      return activeVersion(tx, versionArn);
    }
    life.require(tx, ResourceKind.SOLUTION, solution.get());
    return CampaignSync.latestFull(ctx.resources(), tx, solution.get())
        .orElseThrow(() -> ApiException.notFound("The solution " + solution.get() + " has no ACTIVE solution version trained in FULL mode to deploy yet."));
  }

  private JsonNode update(Input input) {
    String arn = input.text("campaignArn");
    input.object("campaignConfig").ifPresent(c -> CampaignConfigs.check(c, "campaignConfig"));
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
      JsonNode config = input.raw("campaignConfig").orElse(attributes.get("campaignConfig"));
      // A campaign that follows its solution and is given no version takes the latest.
      String solutionLatest = campaign.parentArn().orElse("") + "/" + CampaignSync.LATEST;
      String versionArn = input.optionalText("solutionVersionArn")
          .orElse(CampaignSync.follows(config) ? solutionLatest : attributes.path("solutionVersionArn").asText());
      Resource version = deployable(tx, versionArn, config);
      if (!version.parentArn().equals(campaign.parentArn())) {
        throw ApiException.invalidInput(
            "The solution version " + versionArn + " belongs to another solution; a campaign serves versions of " + campaign.parentArn().orElse("") + ".");
      }
      CampaignConfigs.checkMetadata(ctx, tx, config, campaign.datasetGroupArn().orElseThrow());
      ObjectNode update = attributes.putObject(LATEST_UPDATE);
      update.put("solutionVersionArn", version.arn());
      update.put("minProvisionedTPS", input.optionalInt("minProvisionedTPS").orElse(attributes.path("minProvisionedTPS").asInt(1)));
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
