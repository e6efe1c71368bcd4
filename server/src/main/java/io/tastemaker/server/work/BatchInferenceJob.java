package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.nextbestaction.ActionSnapshot;
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

/**
 * CreateBatchInferenceJob's work: every line answered by the solution version's model, as it was
 * trained (no streamed events), through the files of {@link BatchLinesJob}; a block of users'
 * lines is scored together ({@link io.tastemaker.core.batch.BatchLines#answerAll}). Action lines are answered as
 * GetActionRecommendations would answer them when the line is read (expirations, repeat
 * frequencies and the filter at that time). With {@code --spark-master}, jobs run as a Spark
 * application ({@link SparkSubmission}) and write the same files.
 */
public final class BatchInferenceJob extends BatchLinesJob {
  /** Where a deployed version's model already is in memory. */
  private final CampaignServing serving;
  private final ModelAnswers answers;
  private final ActionAnswers actionAnswers;
  private final FilterServing filters;
  private final GroupAttributes attributes;

  /**
   * @param spark where jobs run on Spark; empty to run every job in process
   * @param s3 how the Spark application reaches S3, as this server does
   */
  public BatchInferenceJob(
      ApiContext ctx, CampaignServing serving, ModelAnswers answers, ActionAnswers actionAnswers, FilterServing filters, GroupAttributes attributes,
      Optional<SparkSettings> spark, S3Settings s3) {
    super(ctx, "batch inference", spark, s3);
    this.serving = serving;
    this.answers = answers;
    this.actionAnswers = actionAnswers;
    this.filters = filters;
    this.attributes = attributes;
  }

  /** Every known recipe's jobs run on Spark when a master is set. */
  @Override
  protected Optional<String> whyInProcess(Resource batch, Resource version) {
    return recipeType(version).isEmpty() ? Optional.of("the solution version's recipe " + version.text("recipeArn").orElse("") + " is not one Tastemaker knows")
        : Optional.empty();
  }

  /**
   * The job as a Spark application, local or {@code s3://} files and object store alike, with what
   * its executors read of the group now, as objects of their own deleted when the job ends: an
   * aws-next-best-action job's takings, time and filter records ({@link ActionSnapshot}), another
   * job's filter ({@link FilterSnapshot}) and {@code rankingInfluence} with the items' signals
   * ({@link ItemSignalSnapshot}); its {@code itemExplorationConfig} goes in the description. A
   * filter every line would refuse keeps the job here, so that each line says why.
   */
  @Override
  protected Optional<ElsewhereRun> onSpark(SparkSubmission spark, Resource batch, Resource version, SparkModel model) throws JobFailure {
    String group = version.datasetGroupArn().orElseThrow();
    Optional<String> filterArn = batch.text("filterArn");
    if (recipeType(version).orElseThrow() == RecipeType.PERSONALIZED_ACTIONS) {
      ActionSnapshot snapshot;
      try {
        snapshot = actionAnswers.snapshot(group, filterArn);
      } catch (ApiException e) {
        return inProcess(batch, e.getMessage());
      }
      String actions = writeSnapshot(BatchSnapshots.actionsKey(batch.arn()), snapshot::write);
      return Optional.of(deletingSnapshots(batch, spark.runner(batch.arn(), BatchJobDescription.Kind.INFERENCE, model.address(), model.numResults(), Optional.empty(),
          SparkSubmission.Snapshots.NONE.withActions(actions))));
    }
    Optional<ExplorationSettings> exploration = CampaignSettings.exploration(batch.attributes().path("batchInferenceJobConfig").get("itemExplorationConfig"));
    Optional<String> filter = Optional.empty();
    if (filterArn.isPresent()) {
      try {
        filter = Optional.of(writeSnapshot(BatchSnapshots.filterKey(batch.arn()), out -> filters.writeSnapshot(filterArn.get(), group, out)));
      } catch (ApiException e) {
        return inProcess(batch, e.getMessage());
      }
    }
    RankingWeights weights = RankingWeightsInput.parse(batch.attributes().path("batchInferenceJobConfig").get("rankingInfluence"), "batchInferenceJobConfig.rankingInfluence");
    Optional<BatchJobDescription.Influence> influence = Optional.empty();
    if (!weights.none()) {
      String signals = writeSnapshot(BatchSnapshots.signalsKey(batch.arn()), out -> ItemSignalSnapshot.of(attributes.interactions(group).data(), attributes.items(group)).write(out));
      influence = Optional.of(new BatchJobDescription.Influence(weights.popularity(), weights.freshness(), signals));
    }
    ElsewhereRun run = spark.runner(batch.arn(), BatchJobDescription.Kind.INFERENCE, model.address(), model.numResults(), exploration,
        SparkSubmission.Snapshots.NONE.withFilter(filter).withInfluence(influence));
    return Optional.of(deletingSnapshots(batch, run));
  }

  private static Optional<RecipeType> recipeType(Resource version) {
    return version.text("recipeArn").flatMap(arn -> RecipeCatalog.all().stream().filter(r -> Arns.recipe(r.name()).equals(arn)).findFirst()).map(Recipe::type);
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
    Resource version = activeVersion(batch);
    Recommender model = VersionModels.load(ctx, serving::inMemory, version, "Batch inference", "run the batch inference job with it");
    long watermark = version.attributes().path(CampaignServing.EVENT_WATERMARK).asLong(0);
    JsonNode config = batch.attributes().path("batchInferenceJobConfig");
    CampaignSettings settings = new CampaignSettings(
        RankingWeightsInput.parse(config.get("rankingInfluence"), "batchInferenceJobConfig.rankingInfluence"), false,
        CampaignSettings.exploration(config.get("itemExplorationConfig")));
    return new ServedModel("", versionArn, version.datasetGroupArn().orElseThrow(), watermark, model, settings, new RecommendationCache(0));
  }
}
