package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import io.tastemaker.s3.S3Settings;
import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.batch.BatchLineAnswers;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.serving.ActionAnswers;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.CampaignSettings;
import io.tastemaker.server.serving.FilterServing;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.serving.RankingWeights;
import io.tastemaker.server.serving.RecommendationCache;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.server.wire.ApiException;
import java.io.IOException;
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
  /** Where a job's filter snapshot lives in the object store while the job runs on Spark. */
  static final String FILTER_SNAPSHOTS = "batch-filters/";
  private final ModelAnswers answers;
  private final ActionAnswers actionAnswers;
  private final FilterServing filters;

  private final Optional<SparkSubmission> spark;

  /**
   * @param spark where jobs run on Spark; empty to run every job in process
   * @param s3 how the Spark application reaches S3, as this server does
   */
  public BatchInferenceJob(
      ApiContext ctx, ModelAnswers answers, ActionAnswers actionAnswers, FilterServing filters, Optional<SparkSettings> spark, S3Settings s3) {
    super(ctx, "batch inference");
    this.answers = answers;
    this.actionAnswers = actionAnswers;
    this.filters = filters;
    this.spark = spark.map(settings -> new SparkSubmission(settings, s3));
  }

  /**
   * With a Spark master, a job whose lines the model alone answers runs as a Spark application,
   * local or {@code s3://} files and object store alike; one that needs what only the server holds
   * (ranking influence, actions) runs here, and the log says why. The job's {@code
   * itemExplorationConfig} goes with it, and its filter as a snapshot of what the filter reads of
   * the group now ({@link FilterSnapshot}), an object of its own deleted when the job ends.
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
    String key = ModelFiles.keyOf(version).orElseThrow(() -> new JobFailure("The solution version " + versionArn + " has no model."));
    String model = ctx.objects().addressOf(key).orElseThrow();
    int numResults = batch.attributes().path("numResults").asInt(25);
    Optional<ExplorationSettings> exploration = CampaignSettings.exploration(batch.attributes().path("batchInferenceJobConfig").get("itemExplorationConfig"));
    Optional<String> filterArn = batch.text("filterArn");
    if (filterArn.isEmpty()) {
      return Optional.of(spark.get().runner(batch.arn(), BatchJobDescription.Kind.INFERENCE, model, numResults, exploration));
    }
    String snapshotKey = snapshotKey(batch);
    try {
      try (ObjectStore.PendingObject object = ctx.objects().create(snapshotKey)) {
        filters.writeSnapshot(filterArn.get(), version.datasetGroupArn().orElseThrow(), object.stream());
        object.commit();
      }
    } catch (ApiException e) {
      // Each line gets the error the filter gives, as in process.
      LOG.info("batch inference job {} runs in process, not on Spark: {}", batch.arn(), e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      throw new JobFailure("The filter " + filterArn.get() + " cannot be written for Spark: " + e.getMessage(), e);
    }
    String snapshot = ctx.objects().addressOf(snapshotKey).orElseThrow();
    BatchLinesJob.ElsewhereRun run = spark.get().runner(batch.arn(), BatchJobDescription.Kind.INFERENCE, model, numResults, exploration, Optional.of(snapshot));
    return Optional.of((files, output) -> {
      try {
        run.run(files, output);
      } finally {
        deleteQuietly(snapshotKey);
      }
    });
  }

  /** One key per job, so that a run again replaces what a killed run left and a failure finds it. */
  private static String snapshotKey(Resource batch) {
    return FILTER_SNAPSHOTS + Arns.resourceName(batch.arn()) + ".json.gz";
  }

  @Override
  protected void afterFailure(Resource batch) {
    if (batch.attributes().hasNonNull("filterArn")) {
      deleteQuietly(snapshotKey(batch));
    }
  }

  private void deleteQuietly(String key) {
    try {
      ctx.objects().delete(key);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot delete the filter snapshot {}: {}", key, e.toString());
    }
  }

  private Optional<String> whyInProcess(Resource batch, Resource version) {
    JsonNode config = batch.attributes().path("batchInferenceJobConfig");
    Optional<RecipeType> type = version.text("recipeArn").flatMap(arn -> RecipeCatalog.all().stream().filter(r -> Arns.recipe(r.name()).equals(arn)).findFirst()).map(Recipe::type);
    if (config.hasNonNull("rankingInfluence")) {
      return Optional.of("ranking influence reads the items' records");
    }
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
        RankingWeights.parse(config.get("rankingInfluence"), "batchInferenceJobConfig.rankingInfluence"), false,
        CampaignSettings.exploration(config.get("itemExplorationConfig")));
    return new ServedModel("", versionArn, version.datasetGroupArn().orElseThrow(), watermark, model, settings, new RecommendationCache(0));
  }
}
