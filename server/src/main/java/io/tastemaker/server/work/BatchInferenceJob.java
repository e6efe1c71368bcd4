package io.tastemaker.server.work;

import io.tastemaker.server.serving.RankingWeightsInput;
import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.rules.ItemSignalSnapshot;
import io.tastemaker.core.rules.RankingWeights;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import io.tastemaker.s3.S3Settings;
import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.batch.BatchLineAnswers;
import io.tastemaker.server.batch.BatchSnapshots;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.serving.ActionAnswers;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.CampaignSettings;
import io.tastemaker.server.serving.FilterServing;
import io.tastemaker.server.serving.GroupAttributes;
import io.tastemaker.server.serving.RankingWeightsInput;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.RecommendationCache;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.server.wire.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateBatchInferenceJob's work: every line answered by the solution version's model, as it was
 * trained (no streamed events), through the files of {@link BatchLinesJob}; a block of users'
 * lines is scored together ({@link io.tastemaker.core.batch.BatchLines#answerAll}). Action lines are answered as
 * GetActionRecommendations would answer them when the line is read (expirations, repeat
 * frequencies and the filter at that time). With {@code --spark-master}, the jobs the model alone
 * answers run as a Spark application ({@link SparkSubmission}) and write the same files.
 */
public final class BatchInferenceJob extends BatchLinesJob {
  private static final Logger LOG = LoggerFactory.getLogger(BatchInferenceJob.class);
  private final ModelAnswers answers;
  private final ActionAnswers actionAnswers;
  private final FilterServing filters;
  private final GroupAttributes attributes;

  private final Optional<SparkSubmission> spark;

  /**
   * @param spark where jobs run on Spark; empty to run every job in process
   * @param s3 how the Spark application reaches S3, as this server does
   */
  public BatchInferenceJob(
      ApiContext ctx, ModelAnswers answers, ActionAnswers actionAnswers, FilterServing filters, GroupAttributes attributes, Optional<SparkSettings> spark,
      S3Settings s3) {
    super(ctx, "batch inference");
    this.answers = answers;
    this.actionAnswers = actionAnswers;
    this.filters = filters;
    this.attributes = attributes;
    this.spark = spark.map(settings -> new SparkSubmission(settings, s3));
  }

  /**
   * With a Spark master, a job whose lines the model alone answers runs as a Spark application,
   * local or {@code s3://} files and object store alike; one that needs what only the server holds
   * (actions) runs here, and the log says why. The job's {@code itemExplorationConfig} goes with
   * it, its filter as a snapshot of what the filter reads of the group now ({@link FilterSnapshot}),
   * and its {@code rankingInfluence} with the items' signals ({@link ItemSignalSnapshot}), objects of
   * their own deleted when the job ends.
   */
  @Override
  protected Optional<ElsewhereRun> elsewhere(Resource batch) throws JobFailure {
    if (spark.isEmpty()) {
      return Optional.empty();
    }
    String versionArn = batch.text("solutionVersionArn").orElseThrow();
    Resource version = VersionModels.activeVersion(ctx, versionArn, "batch inference");
    Optional<String> inProcess = whyInProcess(batch, version);
    if (inProcess.isPresent()) {
      LOG.info("batch inference job {} runs in process, not on Spark: {}", batch.arn(), inProcess.get());
      return Optional.empty();
    }
    String model = modelAddress(version);
    int numResults = batch.attributes().path("numResults").asInt(25);
    Optional<ExplorationSettings> exploration = CampaignSettings.exploration(batch.attributes().path("batchInferenceJobConfig").get("itemExplorationConfig"));
    String group = version.datasetGroupArn().orElseThrow();
    Optional<String> filterArn = batch.text("filterArn");
    Optional<String> filter = Optional.empty();
    if (filterArn.isPresent()) {
      try {
        filter = Optional.of(writeSnapshot(BatchSnapshots.filterKey(batch.arn()), out -> filters.writeSnapshot(filterArn.get(), group, out)));
      } catch (ApiException e) {
        // Each line gets the error the filter gives, as in process.
        LOG.info("batch inference job {} runs in process, not on Spark: {}", batch.arn(), e.getMessage());
        return Optional.empty();
      }
    }
    RankingWeights weights = RankingWeightsInput.parse(batch.attributes().path("batchInferenceJobConfig").get("rankingInfluence"), "batchInferenceJobConfig.rankingInfluence");
    Optional<BatchJobDescription.Influence> influence = Optional.empty();
    if (!weights.none()) {
      String signals = writeSnapshot(BatchSnapshots.signalsKey(batch.arn()), out -> ItemSignalSnapshot.of(attributes.interactions(group).data(), attributes.items(group)).write(out));
      influence = Optional.of(new BatchJobDescription.Influence(weights.popularity(), weights.freshness(), signals));
    }
    BatchLinesJob.ElsewhereRun run = spark.get().runner(batch.arn(), BatchJobDescription.Kind.INFERENCE, model, numResults, exploration, filter, influence, Optional.empty());
    return Optional.of(deletingSnapshots(batch, run));
  }

  private Optional<String> whyInProcess(Resource batch, Resource version) {
    JsonNode config = batch.attributes().path("batchInferenceJobConfig");
    Optional<RecipeType> type = version.text("recipeArn").flatMap(arn -> RecipeCatalog.all().stream().filter(r -> Arns.recipe(r.name()).equals(arn)).findFirst()).map(Recipe::type);
    if (type.isEmpty() || type.get() == RecipeType.PERSONALIZED_ACTIONS) {
      return Optional.of("action lines read the actions' records");
    }
    return Optional.empty();
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
        RankingWeightsInput.parse(config.get("rankingInfluence"), "batchInferenceJobConfig.rankingInfluence"), false,
        CampaignSettings.exploration(config.get("itemExplorationConfig")));
    return new ServedModel("", versionArn, version.datasetGroupArn().orElseThrow(), watermark, model, settings, new RecommendationCache(0));
  }
}
