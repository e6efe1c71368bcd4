package io.tastemaker.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobHandler;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.ResourceStore;
import io.tastemaker.server.store.Transaction;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code syncWithLatestSolutionVersion}: a campaign created or updated with {@code
 * SolutionArn/$LATEST} and the flag set deploys each new ACTIVE solution version of its solution
 * trained in FULL mode by itself, as an update that {@code latestCampaignUpdate} shows. Checked when
 * a training ends, when a deployment ends (a version that became ACTIVE meanwhile), and at every
 * start (one that became ACTIVE just before a crash).
 */
public final class CampaignSync {
  /** The last segment of a solution ARN that names its latest version. */
  public static final String LATEST = "$LATEST";
  /** The campaign attribute holding the update in progress. */
  public static final String LATEST_UPDATE = "latestCampaignUpdate";

  private static final Logger LOG = LoggerFactory.getLogger(CampaignSync.class);

  private final ApiContext ctx;

  public CampaignSync(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The solution of a {@code SolutionArn/$LATEST} ARN; empty for any other ARN. */
  public static Optional<String> latestOf(String solutionVersionArn) {
    String suffix = "/" + LATEST;
    return solutionVersionArn.endsWith(suffix) ? Optional.of(solutionVersionArn.substring(0, solutionVersionArn.length() - suffix.length())) : Optional.empty();
  }

  /** Whether a campaign configuration asks to follow the latest version. */
  public static boolean follows(JsonNode campaignConfig) {
    return campaignConfig != null && campaignConfig.path("syncWithLatestSolutionVersion").asBoolean(false);
  }

  /** The solution's newest ACTIVE version trained in FULL mode. */
  public static Optional<Resource> latestFull(ResourceStore resources, Transaction tx, String solutionArn) throws SQLException {
    return resources.children(tx, ResourceKind.SOLUTION_VERSION, solutionArn).stream()
        .filter(v -> v.hasStatus(Status.ACTIVE) && v.text("trainingMode").orElse("FULL").equals("FULL"))
        .max(Comparator.comparing(Resource::createdAt).thenComparing(Resource::arn));
  }

  /** A training job's handler that, once a version is trained, brings the campaigns following its solution up to date. */
  public JobHandler after(JobHandler training) {
    return new JobHandler() {
      @Override
      public void run(Job job) throws Exception {
        training.run(job);
        ctx.db().read(tx -> ctx.resources().find(tx, job.targetArn())).flatMap(Resource::parentArn).ifPresent(CampaignSync.this::followSolution);
      }

      @Override
      public void fail(Job job, String reason) {
        training.fail(job, reason);
      }

      @Override
      public String failureReason(Exception failure) {
        return training.failureReason(failure);
      }

      @Override
      public boolean heavy() {
        return training.heavy();
      }

      @Override
      public int maxAttempts() {
        return training.maxAttempts();
      }
    };
  }

  /** Brings every following campaign up to date, at a start. */
  public void followAll() {
    try {
      for (Resource campaign : ctx.db().read(tx -> ctx.resources().all(tx, ResourceKind.CAMPAIGN))) {
        follow(campaign.arn());
      }
    } catch (RuntimeException e) {
      LOG.warn("bringing the campaigns that follow their solution up to date failed", e);
    }
  }

  /** Brings the campaigns following a solution up to date. */
  public void followSolution(String solutionArn) {
    for (Resource campaign : ctx.db().read(tx -> ctx.resources().children(tx, ResourceKind.CAMPAIGN, solutionArn))) {
      follow(campaign.arn());
    }
  }

  /**
   * Starts an update of a following campaign to its solution's latest FULL version, unless it serves
   * that one already, is not ACTIVE, or has an update in progress (whose end checks again).
   */
  public void follow(String campaignArn) {
    ctx.db().write(tx -> {
      Optional<Resource> found = ctx.resources().find(tx, campaignArn);
      if (found.isEmpty() || !found.get().hasStatus(Status.ACTIVE) || !follows(found.get().attributes().get("campaignConfig"))) {
        return null;
      }
      Resource campaign = found.get();
      ObjectNode attributes = campaign.attributes();
      if (Status.UNFINISHED.contains(attributes.path(LATEST_UPDATE).path("status").asText())) {
        return null;
      }
      Optional<Resource> latest = latestFull(ctx.resources(), tx, campaign.parentArn().orElseThrow());
      if (latest.isEmpty() || latest.get().arn().equals(attributes.path("solutionVersionArn").asText())) {
        return null;
      }
      ObjectNode update = attributes.putObject(LATEST_UPDATE);
      update.put("solutionVersionArn", latest.get().arn());
      update.set("minProvisionedTPS", attributes.get("minProvisionedTPS"));
      update.set("campaignConfig", attributes.get("campaignConfig"));
      update.put("status", Status.CREATE_PENDING);
      update.put("creationDateTime", Json.epochSeconds(ctx.clock().instant()));
      update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
      ctx.resources().update(tx, campaign.withAttributes(attributes, ctx.clock().instant()));
      ctx.jobs().enqueue(tx, JobTypes.DEPLOY, campaignArn);
      LOG.info("campaign {} follows its solution to {}", campaignArn, latest.get().arn());
      return null;
    });
  }
}
