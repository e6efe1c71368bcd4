package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.batch.BatchLineAnswers;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.serving.ActionAnswers;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.CampaignSettings;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.RankingWeights;
import io.tastemaker.server.serving.RecommendationCache;
import io.tastemaker.server.serving.ServedModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * CreateBatchInferenceJob's work: every line answered by the solution version's model, as it was
 * trained (no streamed events), through the files of {@link BatchLinesJob}; a block of users'
 * lines is scored together ({@link io.tastemaker.core.batch.BatchLines#answerAll}). Action lines are answered as
 * GetActionRecommendations would answer them when the line is read (expirations, repeat
 * frequencies and the filter at that time).
 */
public final class BatchInferenceJob extends BatchLinesJob {
  private final ModelAnswers answers;
  private final ActionAnswers actionAnswers;

  public BatchInferenceJob(ApiContext ctx, ModelAnswers answers, ActionAnswers actionAnswers) {
    super(ctx, "batch inference");
    this.answers = answers;
    this.actionAnswers = actionAnswers;
  }

  @Override
  protected Function<List<String>, List<String>> answerer(Resource batch) throws JobFailure {
    ServedModel served = model(batch);
    BatchLineAnswers lines = new BatchLineAnswers(answers, actionAnswers, served, Optional.ofNullable(batch.attributes().get("filterArn")).map(JsonNode::asText));
    return lines.lines(batch.attributes().path("numResults").asInt(25))::answerAll;
  }

  /** The solution version's model, as a batch sees it: nothing streamed since training, the job's ranking influence and exploration. */
  private ServedModel model(Resource batch) throws JobFailure {
    String versionArn = batch.text("solutionVersionArn").orElseThrow();
    Resource version = VersionModels.activeVersion(ctx, versionArn, "batch inference");
    Recommender model = VersionModels.load(ctx, version, "Batch inference", "run the batch inference job with it");
    long watermark = version.attributes().path(CampaignServing.EVENT_WATERMARK).asLong(0);
    JsonNode config = batch.attributes().path("batchInferenceJobConfig");
    CampaignSettings settings = new CampaignSettings(
        RankingWeights.parse(config.get("rankingInfluence"), "batchInferenceJobConfig.rankingInfluence"), false,
        CampaignSettings.exploration(config.get("itemExplorationConfig")));
    return new ServedModel("", versionArn, version.datasetGroupArn().orElseThrow(), watermark, model, settings, new RecommendationCache(0));
  }
}
