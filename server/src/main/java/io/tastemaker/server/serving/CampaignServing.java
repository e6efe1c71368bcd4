package io.tastemaker.server.serving;

import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models campaigns serve, loaded once and answered from memory. A deployment swaps a campaign's
 * entry in one step, so requests see the old model or the new one, never neither.
 *
 * <p>A model file that cannot be loaded (missing, corrupt, of an unknown version) leaves the campaign
 * ACTIVE with a {@code failureReason} that names the file and the cure, and requests get
 * ResourceNotFoundException with the same words, without reading the file again, until a deployment
 * (UpdateCampaign) or a restart.
 */
public final class CampaignServing {
  /** The solution version attribute holding the last streamed event its model trained on. */
  public static final String EVENT_WATERMARK = "_eventWatermark";

  private static final Logger LOG = LoggerFactory.getLogger(CampaignServing.class);

  private final ApiContext ctx;
  private final int cacheEntries;
  private final ModelFaults modelFaults;
  private final LiveTrends trends;
  private final Map<String, ServedModel> byCampaign = new ConcurrentHashMap<>();
  private final Map<String, Recommender> byModelKey = new ConcurrentHashMap<>();
  /** Campaigns whose model could not be loaded, with what their requests are told. */
  private final Map<String, String> faults = new ConcurrentHashMap<>();

  /**
   * @param cacheEntries GetRecommendations answers kept per campaign; 0 for none
   * @param trends keeps trending models moving with streamed events
   */
  public CampaignServing(ApiContext ctx, int cacheEntries, LiveTrends trends) {
    this.ctx = ctx;
    this.cacheEntries = cacheEntries;
    this.modelFaults = new ModelFaults(ctx);
    this.trends = trends;
  }

  /** The number of campaigns whose model is loaded. */
  public int campaignsServed() {
    return byCampaign.size();
  }

  /**
   * The model a campaign serves; empty when the campaign does not exist or is not ACTIVE.
   *
   * @throws ApiException ResourceNotFoundException naming the file and the cure when its model cannot be loaded
   */
  public Optional<ServedModel> served(String campaignArn) {
    ServedModel served = byCampaign.get(campaignArn);
    if (served != null) {
      return Optional.of(served);
    }
    String fault = faults.get(campaignArn);
    if (fault != null) {
      throw ApiException.notFound(fault);
    }
    Optional<Resource> campaign = ctx.db().read(tx -> ctx.resources().find(tx, campaignArn)).filter(c -> c.kind() == ResourceKind.CAMPAIGN);
    if (campaign.isEmpty() || !campaign.get().hasStatus(Status.ACTIVE)) {
      return Optional.empty();
    }
    String versionArn = campaign.get().text("solutionVersionArn").orElseThrow();
    ServedModel loaded;
    try {
      loaded = load(campaignArn, versionArn, CampaignSettings.of(campaign.get().attributes().get("campaignConfig")));
    } catch (DamagedObjectException e) {
      throw ApiException.notFound(damaged(campaignArn, versionArn, e));
    }
    // A deployment that finished meanwhile wins over this older view of the campaign.
    ServedModel current = byCampaign.putIfAbsent(campaignArn, loaded);
    if (current == null && campaign.get().failureReason().map(ModelFaults::isModelFault).orElse(false)) {
      modelFaults.healed(campaignArn);
    }
    return Optional.of(current == null ? loaded : current);
  }

  /** Remembers and records a campaign's damaged model once; returns what requests are told. */
  private String damaged(String campaignArn, String versionArn, DamagedObjectException damage) {
    String reason = ModelFaults.campaignReason(campaignArn, versionArn, damage);
    if (faults.putIfAbsent(campaignArn, reason) == null && !byCampaign.containsKey(campaignArn)) {
      modelFaults.versionDamaged(versionArn, damage);
      modelFaults.campaignDamaged(campaignArn, versionArn, reason);
    }
    return reason;
  }

  /**
   * Loads a version's model and makes it the campaign's, with these settings; the previous model
   * serves until then.
   *
   * @throws DamagedObjectException when the model file cannot be loaded; the campaign keeps what it served
   */
  public ServedModel deploy(String campaignArn, String solutionVersionArn, CampaignSettings settings) {
    ServedModel served = load(campaignArn, solutionVersionArn, settings);
    byCampaign.put(campaignArn, served);
    faults.remove(campaignArn);
    return served;
  }

  private ServedModel load(String campaignArn, String solutionVersionArn, CampaignSettings settings) {
    Resource version =
        ctx.db().read(tx -> ctx.resources().find(tx, solutionVersionArn))
            .orElseThrow(() -> new IllegalStateException("the solution version " + solutionVersionArn + " no longer exists"));
    String key = ModelFiles.keyOf(version).orElseThrow(() -> new IllegalStateException("the solution version " + solutionVersionArn + " has no model"));
    boolean[] readFromFile = {false};
    Recommender model = byModelKey.computeIfAbsent(key, k -> {
      readFromFile[0] = true;
      return ModelFiles.load(ctx, k);
    });
    // Only a file that loaded again proves it whole; a model already in memory says nothing about it.
    if (readFromFile[0] && version.failureReason().map(ModelFaults::isModelFault).orElse(false)) {
      modelFaults.healed(solutionVersionArn);
    }
    long watermark = version.attributes().path(EVENT_WATERMARK).asLong(0);
    String group = version.datasetGroupArn().orElseThrow();
    Optional<String> eventType = version.text("eventType");
    Recommender serving = trends.serve(campaignArn, group, model, watermark, type -> eventType.map(type::equals).orElse(true));
    // A trending answer changes with everyone's events, not only the user's: nothing to keep.
    int cache = serving == model ? cacheEntries : 0;
    return new ServedModel(campaignArn, solutionVersionArn, group, watermark, serving, settings, new RecommendationCache(cache));
  }

  /**
   * Loads the model of every ACTIVE campaign, so that a damaged file shows in DescribeCampaign soon
   * after a start rather than at the first request; requests that come first load on demand.
   */
  public void warmUp() {
    try {
      for (Resource campaign : ctx.db().read(tx -> ctx.resources().all(tx, ResourceKind.CAMPAIGN))) {
        if (campaign.hasStatus(Status.ACTIVE)) {
          try {
            served(campaign.arn());
          } catch (ApiException e) {
            // Recorded in the campaign's failureReason.
          }
        }
      }
    } catch (RuntimeException e) {
      // A server stopped while it warmed up; requests load on demand anyway.
      LOG.debug("warming up the campaigns stopped: {}", e.toString());
    }
  }

  /** What every campaign serves right now. */
  public List<ServedModel> servedModels() {
    return List.copyOf(byCampaign.values());
  }

  /**
   * The model a file holds if a deployment has it in memory already, else empty: nothing is loaded
   * or kept. A batch job on a deployed version shares the campaign's model rather than holding a
   * second copy (at 30M interactions, 800 MB of heap).
   */
  public Optional<Recommender> inMemory(String modelKey) {
    return Optional.ofNullable(byModelKey.get(modelKey));
  }

  /** The model a solution version's file holds, as deployments load it (once per file). */
  public Recommender versionModel(String solutionVersionArn) {
    Resource version =
        ctx.db().read(tx -> ctx.resources().find(tx, solutionVersionArn))
            .orElseThrow(() -> new IllegalStateException("the solution version " + solutionVersionArn + " no longer exists"));
    String key = ModelFiles.keyOf(version).orElseThrow(() -> new IllegalStateException("the solution version " + solutionVersionArn + " has no model"));
    return byModelKey.computeIfAbsent(key, k -> ModelFiles.load(ctx, k));
  }

  /**
   * Serves {@code model} in place of what {@code before} served (a model that took in new items and
   * evidence), with an empty answer cache; nothing changes if a deployment replaced {@code before} meanwhile.
   */
  public boolean refresh(ServedModel before, Recommender model) {
    ServedModel after = new ServedModel(
        before.campaignArn(), before.solutionVersionArn(), before.datasetGroupArn(), before.eventWatermark(), model, before.settings(),
        new RecommendationCache(cacheEntries));
    return byCampaign.replace(before.campaignArn(), before, after);
  }

  /** Forgets the kept answers of users whose history changed, in every campaign of their group. */
  public void forget(String datasetGroupArn, Iterable<String> userKeys) {
    for (ServedModel served : byCampaign.values()) {
      if (served.datasetGroupArn().equals(datasetGroupArn)) {
        userKeys.forEach(served.answers()::forget);
      }
    }
  }

  /**
   * Loads again the models of a group's served campaigns, with their settings, after a data deletion
   * job rewrote their files: the deleted users' states leave memory and every kept answer is forgotten.
   */
  public void reload(String datasetGroupArn) {
    byModelKey.clear();
    for (ServedModel served : List.copyOf(byCampaign.values())) {
      if (served.datasetGroupArn().equals(datasetGroupArn)) {
        try {
          deploy(served.campaignArn(), served.solutionVersionArn(), served.settings());
        } catch (RuntimeException e) {
          // The campaign loads on demand, and reports a damaged file then.
          byCampaign.remove(served.campaignArn());
          LOG.warn("could not reload the model of {}: {}", served.campaignArn(), e.toString());
        }
      }
    }
  }

  /** Stops serving a campaign, and frees models no campaign serves any more. */
  public void undeploy(String campaignArn) {
    trends.forget(campaignArn);
    byCampaign.remove(campaignArn);
    faults.remove(campaignArn);
    byModelKey.values().removeIf(model -> byCampaign.values().stream().noneMatch(s -> s.model() == model));
  }
}
