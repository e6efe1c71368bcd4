package io.tastemaker.server.serving;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what this replica serves in line with the campaigns and recommenders that other replicas on
 * the same PostgreSQL database updated, stopped or deleted: a deployment loads the model into the
 * replica that ran it, so every other replica compares its served models with their rows each
 * {@code every} and loads the new model (the old one answers until it is in memory) or stops serving.
 */
public final class ServingFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServingFollower.class);
  /** The statuses of a recommender that no longer serves. */
  private static final java.util.Set<String> STOPPED =
      java.util.Set.of(Status.STOP_PENDING, Status.STOP_IN_PROGRESS, Status.INACTIVE, Status.DELETE_PENDING, Status.DELETE_IN_PROGRESS);

  private final ApiContext ctx;
  private final CampaignServing campaigns;
  private final RecommenderServing recommenders;
  private final ScheduledExecutorService timer;

  private ServingFollower(ApiContext ctx, CampaignServing campaigns, RecommenderServing recommenders) {
    this.ctx = ctx;
    this.campaigns = campaigns;
    this.recommenders = recommenders;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "serving-follower");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts following every {@code every}. */
  public static ServingFollower start(ApiContext ctx, CampaignServing campaigns, RecommenderServing recommenders, Duration every) {
    ServingFollower follower = new ServingFollower(ctx, campaigns, recommenders);
    follower.timer.scheduleWithFixedDelay(follower::checkSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return follower;
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn("could not compare the served models with the database", e);
    }
  }

  /** Compares each served campaign and recommender with its row once. */
  void check() {
    List<ServedModel> servedCampaigns = campaigns.servedModels();
    List<ServedModel> servedRecommenders = recommenders.servedModels();
    if (servedCampaigns.isEmpty() && servedRecommenders.isEmpty()) {
      return;
    }
    Map<String, Optional<Resource>> rows = ctx.db().read(tx -> {
      Map<String, Optional<Resource>> found = new java.util.HashMap<>();
      for (ServedModel served : servedCampaigns) {
        found.put(served.campaignArn(), ctx.resources().find(tx, served.campaignArn()));
      }
      for (ServedModel served : servedRecommenders) {
        found.put(served.campaignArn(), ctx.resources().find(tx, served.campaignArn()));
      }
      return found;
    });
    for (ServedModel served : servedCampaigns) {
      Optional<Resource> row = rows.get(served.campaignArn());
      if (row.isEmpty() || row.get().status().map(Status.DELETING::contains).orElse(false)) {
        LOG.info("campaign {} was deleted through another replica; no longer serving it", served.campaignArn());
        campaigns.undeploy(served.campaignArn());
        continue;
      }
      // A deployment loads the new model before its row names it: until the update ends, the
      // replica running it serves ahead of the row, and every other replica stays with the old model.
      if (Status.UNFINISHED.contains(row.get().attributes().path(CampaignSync.LATEST_UPDATE).path("status").asText())) {
        continue;
      }
      String version = row.get().text("solutionVersionArn").orElse(served.solutionVersionArn());
      CampaignSettings settings = CampaignSettings.of(row.get().attributes().get("campaignConfig"));
      if (!version.equals(served.solutionVersionArn()) || !settings.equals(served.settings())) {
        LOG.info("campaign {} was updated through another replica; serving {}", served.campaignArn(), version);
        try {
          campaigns.deploy(served.campaignArn(), version, settings);
        } catch (RuntimeException e) {
          // The replica that deployed it records a damaged model; here the old model keeps answering.
          LOG.warn("could not load {} for campaign {}: {}", version, served.campaignArn(), e.toString());
        }
      }
    }
    for (ServedModel served : servedRecommenders) {
      Optional<Resource> row = rows.get(served.campaignArn());
      if (row.isEmpty() || row.get().status().map(STOPPED::contains).orElse(false)) {
        LOG.info("recommender {} was stopped or deleted through another replica; no longer serving it", served.campaignArn());
        recommenders.undeploy(served.campaignArn());
        continue;
      }
      if (!row.get().hasStatus(Status.ACTIVE)) {
        continue;
      }
      String model = row.get().text(RecommenderServing.MODEL).orElse(served.solutionVersionArn());
      CampaignSettings settings = CampaignSettings.of(row.get().attributes().get("recommenderConfig"));
      if (!model.equals(served.solutionVersionArn()) || !settings.equals(served.settings())) {
        LOG.info("recommender {} was updated through another replica; serving {}", served.campaignArn(), model);
        try {
          recommenders.deploy(served.campaignArn());
        } catch (RuntimeException e) {
          LOG.warn("could not load {} for recommender {}: {}", model, served.campaignArn(), e.toString());
        }
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
