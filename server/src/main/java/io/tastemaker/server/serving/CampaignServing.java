package io.tastemaker.server.serving;

import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models campaigns serve, loaded once and answered from memory. A deployment swaps a campaign's
 * entry in one step, so requests see the old model or the new one, never neither.
 */
public final class CampaignServing {
  /** The solution version attribute holding the last streamed event its model trained on. */
  public static final String EVENT_WATERMARK = "_eventWatermark";

  private final ApiContext ctx;
  private final int cacheEntries;
  private final Map<String, ServedModel> byCampaign = new ConcurrentHashMap<>();
  private final Map<String, Recommender> byModelKey = new ConcurrentHashMap<>();

  /** @param cacheEntries GetRecommendations answers kept per campaign; 0 for none */
  public CampaignServing(ApiContext ctx, int cacheEntries) {
    this.ctx = ctx;
    this.cacheEntries = cacheEntries;
  }

  /** The number of campaigns whose model is loaded. */
  public int campaignsServed() {
    return byCampaign.size();
  }

  /** The model a campaign serves; empty when the campaign does not exist or is not ACTIVE. */
  public Optional<ServedModel> served(String campaignArn) {
    ServedModel served = byCampaign.get(campaignArn);
    if (served != null) {
      return Optional.of(served);
    }
    Optional<Resource> campaign = ctx.db().read(tx -> ctx.resources().find(tx, campaignArn)).filter(c -> c.kind() == ResourceKind.CAMPAIGN);
    if (campaign.isEmpty() || !campaign.get().hasStatus(Status.ACTIVE)) {
      return Optional.empty();
    }
    return Optional.of(deploy(campaignArn, campaign.get().text("solutionVersionArn").orElseThrow()));
  }

  /** Loads a version's model and makes it the campaign's; the previous model serves until then. */
  public ServedModel deploy(String campaignArn, String solutionVersionArn) {
    Resource version =
        ctx.db().read(tx -> ctx.resources().find(tx, solutionVersionArn))
            .orElseThrow(() -> new IllegalStateException("the solution version " + solutionVersionArn + " no longer exists"));
    String key = ModelFiles.keyOf(version).orElseThrow(() -> new IllegalStateException("the solution version " + solutionVersionArn + " has no model"));
    Recommender model = byModelKey.computeIfAbsent(key, k -> ModelFiles.load(ctx, k));
    long watermark = version.attributes().path(EVENT_WATERMARK).asLong(0);
    ServedModel served =
        new ServedModel(campaignArn, solutionVersionArn, version.datasetGroupArn().orElseThrow(), watermark, model, new RecommendationCache(cacheEntries));
    byCampaign.put(campaignArn, served);
    return served;
  }

  /** Forgets the kept answers of users whose history changed, in every campaign of their group. */
  public void forget(String datasetGroupArn, Iterable<String> userKeys) {
    for (ServedModel served : byCampaign.values()) {
      if (served.datasetGroupArn().equals(datasetGroupArn)) {
        userKeys.forEach(served.answers()::forget);
      }
    }
  }

  /** Stops serving a campaign, and frees models no campaign serves any more. */
  public void undeploy(String campaignArn) {
    byCampaign.remove(campaignArn);
    byModelKey.values().removeIf(model -> byCampaign.values().stream().noneMatch(s -> s.model() == model));
  }
}
