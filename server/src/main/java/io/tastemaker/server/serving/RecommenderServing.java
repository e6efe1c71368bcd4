package io.tastemaker.server.serving;

import io.tastemaker.core.domain.UseCase;
import io.tastemaker.core.domain.UseCases;
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
 * The models recommenders serve, loaded once and answered from memory like a campaign's: the
 * recommender's latest training, its use case's automatic exclusions, and its
 * {@code recommenderConfig} (metadata in answers). A new training is swapped in whole; a stopped
 * recommender is unloaded and answers nothing until it is started.
 */
public final class RecommenderServing {
  /** The recommender attribute holding its model's object key. */
  public static final String MODEL = ModelFiles.MODEL;
  private static final Logger LOG = LoggerFactory.getLogger(RecommenderServing.class);

  private final ApiContext ctx;
  private final int cacheEntries;
  private final LiveTrends trends;
  private final Map<String, ServedModel> byRecommender = new ConcurrentHashMap<>();
  private final Map<String, UseCase> useCases = new ConcurrentHashMap<>();

  /**
   * @param cacheEntries GetRecommendations answers kept per recommender; 0 for none
   * @param trends keeps trending models moving with streamed events
   */
  public RecommenderServing(ApiContext ctx, int cacheEntries, LiveTrends trends) {
    this.ctx = ctx;
    this.cacheEntries = cacheEntries;
    this.trends = trends;
  }

  /** The use case a recommender serves. */
  public static UseCase useCaseOf(Resource recommender) {
    String recipeArn = recommender.text("recipeArn").orElseThrow();
    return UseCases.byArn(recipeArn).orElseThrow(() -> new IllegalStateException("no use case " + recipeArn));
  }

  /**
   * What a recommender serves.
   *
   * @throws ApiException ResourceNotFoundException when it does not exist, when it is not ACTIVE
   *     (stopped, or still training: the message names the status) and when its model cannot be
   *     loaded (naming the file), as a campaign that cannot serve answers
   */
  public ServedModel served(String recommenderArn) {
    ServedModel served = byRecommender.get(recommenderArn);
    if (served != null) {
      return served;
    }
    Resource recommender = ctx.db().read(tx -> ctx.resources().find(tx, recommenderArn))
        .filter(r -> r.kind() == ResourceKind.RECOMMENDER)
        .orElseThrow(() -> ApiException.notFound("Recommender " + recommenderArn + " does not exist."));
    if (!recommender.hasStatus(Status.ACTIVE)) {
      String hint = recommender.hasStatus(Status.INACTIVE) ? " It was stopped; StartRecommender starts it again." : " Wait until it is ACTIVE.";
      throw ApiException.notFound("The recommender " + recommenderArn + " is " + recommender.statusOrEmpty() + "." + hint);
    }
    try {
      ServedModel loaded = load(recommender);
      ServedModel current = byRecommender.putIfAbsent(recommenderArn, loaded);
      return current == null ? loaded : current;
    } catch (DamagedObjectException e) {
      throw ApiException.notFound(
          "The recommender " + recommenderArn + " cannot serve: its model cannot be loaded: " + e.getMessage()
              + ". UpdateRecommender with a new trainingDataConfig trains it again.");
    }
  }

  /**
   * Loads a recommender's current model and serves it from now on.
   *
   * @throws DamagedObjectException when the model file cannot be loaded; what was served stays
   */
  public void deploy(String recommenderArn) {
    Resource recommender = ctx.db().read(tx -> ctx.resources().find(tx, recommenderArn)).orElseThrow();
    byRecommender.put(recommenderArn, load(recommender));
  }

  private ServedModel load(Resource recommender) {
    String key = recommender.text(MODEL).orElseThrow(() -> new IllegalStateException("the recommender " + recommender.arn() + " has no model"));
    Recommender model = ModelFiles.load(ctx, key);
    UseCase useCase = useCaseOf(recommender);
    useCases.put(recommender.arn(), useCase);
    long watermark = recommender.attributes().path(CampaignServing.EVENT_WATERMARK).asLong(0);
    String group = recommender.datasetGroupArn().orElseThrow();
    Recommender serving = trends.serve(recommender.arn(), group, model, watermark, useCase::trainsOn);
    // A trending answer changes with everyone's events, and an excluding one with the user's own: nothing to keep.
    int cache = serving == model && useCase.excludedEventTypes().isEmpty() ? cacheEntries : 0;
    CampaignSettings settings = CampaignSettings.of(recommender.attributes().get("recommenderConfig"));
    return new ServedModel(recommender.arn(), key, group, watermark, serving, settings, new RecommendationCache(cache), useCase.excludedEventTypes());
  }

  /** The use case a served recommender answers for. */
  public UseCase useCaseOf(ServedModel served) {
    return useCases.get(served.campaignArn());
  }

  /** Forgets the kept answers of users whose history changed, in every recommender of their group. */
  public void forget(String datasetGroupArn, Iterable<String> userKeys) {
    for (ServedModel served : byRecommender.values()) {
      if (served.datasetGroupArn().equals(datasetGroupArn)) {
        userKeys.forEach(served.answers()::forget);
      }
    }
  }

  /**
   * Loads again the models of the group's served recommenders, after a data deletion rewrote them; a
   * model that cannot be loaded now is loaded on demand and reports its damage then.
   */
  public void reload(String datasetGroupArn) {
    for (ServedModel served : List.copyOf(byRecommender.values())) {
      if (served.datasetGroupArn().equals(datasetGroupArn)) {
        try {
          deploy(served.campaignArn());
        } catch (RuntimeException e) {
          undeploy(served.campaignArn());
          LOG.warn("could not reload the model of {}: {}", served.campaignArn(), e.toString());
        }
      }
    }
  }

  /** Stops serving a recommender (stopped or deleted). */
  public void undeploy(String recommenderArn) {
    trends.forget(recommenderArn);
    byRecommender.remove(recommenderArn);
  }

  /** What every recommender serves right now. */
  public java.util.List<ServedModel> servedModels() {
    return java.util.List.copyOf(byRecommender.values());
  }

  /** The number of recommenders whose model is loaded. */
  public int served() {
    return byRecommender.size();
  }
}
