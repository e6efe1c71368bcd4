package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.InteractionWeighting;
import io.tastemaker.core.data.ItemObjective;
import io.tastemaker.server.solutions.GroupSchemas;
import io.tastemaker.server.solutions.TrainingSettings;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.eval.SolutionEvaluation;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.schema.DatasetSchemaRules;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.InsufficientDataException;
import io.tastemaker.core.training.MinimumData;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingStopped;
import io.tastemaker.core.tuning.HyperParameterSearch;
import io.tastemaker.core.userpersonalization.UserPersonalizationModel;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.control.SolutionVersionOperations;
import io.tastemaker.server.datasets.DamagedDataException;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.ModelFaults;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.core.schema.DatasetSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a solution version: loads the group's interactions through the solution's event filters,
 * checks the minimum data, computes the offline metrics on a held-out 10% of users, trains the model
 * on everyone and stores it; the version turns ACTIVE with both. A damaged data file fails the version
 * with a reason naming the dataset, the file and the import job to run again.
 */
public final class TrainingJob extends ResourceJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);
  /** The seed of every run; the same data and hyperparameters always give the same model. */
  static final long SEED = 42;

  public TrainingJob(ApiContext ctx) {
    super(ctx);
  }

  @Override
  public boolean heavy() {
    return true;
  }

  @Override
  public int maxAttempts() {
    return 2;
  }

  @Override
  public void run(Job job) throws JobFailure, IOException {
    try {
      train(job);
    } catch (DamagedDataException e) {
      throw new JobFailure("Create failed. " + e.getMessage() + " Then create the solution version again.", e);
    }
  }

  private void train(Job job) throws JobFailure, IOException {
    Optional<Resource> found = target(job);
    if (found.isEmpty() || found.get().hasStatus(Status.CREATE_STOPPED)) {
      return;
    }
    if (found.get().hasStatus(Status.CREATE_STOPPING)) {
      stopped(job);
      return;
    }
    Resource version = found.get();
    if (version.parentArn().isPresent()) {
      ParentActivation.await(ctx, version.parentArn().get(), "solution version " + version.arn());
    }
    status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
    long started = System.nanoTime();
    // Without a recipe the solution asked for AutoML, which picks one (and its hyperparameters) below.
    Optional<Recipe> named = version.text("recipeArn").isPresent() ? Optional.of(recipeOf(version)) : Optional.empty();
    Input config = new Input(version.attributes().has("solutionConfig") ? (ObjectNode) version.attributes().get("solutionConfig") : Json.object());
    Map<String, String> hyperparameters =
        named.isPresent() ? named.get().resolve(config.stringMap("algorithmHyperParameters"), config.stringMap("featureTransformationParameters")) : Map.of();

    String groupArn = version.datasetGroupArn().orElseThrow();
    // aws-semantic-similarity needs only the Items dataset, as its guide page says; interactions, when there are any, order popular items.
    boolean textOnly = named.map(r -> r.name().equals(RecipeCatalog.SEMANTIC_SIMILARITY)).orElse(false);
    Optional<Resource> interactions = dataset(groupArn, "INTERACTIONS");
    if (interactions.isEmpty() && !textOnly) {
      throw new JobFailure("Create failed. The dataset group has no Interactions dataset.");
    }
    Optional<DatasetSchema> schema = interactions.flatMap(d -> DatasetSchemas.of(ctx, d));
    TrainingSettings settings = settingsOf(config, groupArn);
    Set<String> contextFields = settings.columns().usable("INTERACTIONS", schema.map(DatasetSchemaRules::contextualFields).orElse(Set.of()));
    // Streamed events up to now train too; the model remembers where it stopped.
    long watermark = ctx.db().read(EventLog::lastSeq);
    Loaded loaded = load(version, interactions, schema, groupArn, watermark, textOnly, settings, filterOf(version, config), contextFields);
    InteractionData data = loaded.data();
    DatasetMetadata items = loaded.items();
    DatasetMetadata users = loaded.users();
    VersionMonitor monitor = new VersionMonitor(ctx, job.targetArn());
    requireSpace(version, data, items, hyperparameters);
    TrainingInput input = new TrainingInput(
        data, hyperparameters, SEED, items.metadata(), users.metadata(), items.creation(), ctx.clock().instant().getEpochSecond(), loaded.impressions())
        .withItemText(items.text());
    if (named.isPresent() && named.get().type() == RecipeType.PERSONALIZED_ACTIONS) {
      input = input.withActions(ActionDatasets.load(ctx, groupArn));
    }
    try {
      Recommender model;
      Map<String, Double> metrics;
      Optional<Map<String, String>> tuned = Optional.empty();
      Recipe recipe;
      if (version.text("trainingMode").orElse("FULL").equals("UPDATE")) {
        recipe = named.orElseThrow(
            () -> new JobFailure("trainingMode UPDATE needs a solution with a recipe (aws-user-personalization or aws-hrnn-coldstart), not AutoML."));
        Updated updated = update(version, input, items);
        model = updated.model();
        metrics = updated.metrics();
      } else {
        SolutionEvaluation.Trained trained;
        if (named.isEmpty()) {
          AutoMlChoice autoMl = AutoMlChoice.of(config);
          AutoMlChoice.Choice choice = autoMl.choose(ctx.recipes(), input, catalogueSize(groupArn, data), monitor);
          recipe = choice.recipe();
          trained = choice.trained();
          LOG.info("AutoML of {}: {} by {}, chose {}", job.targetArn(), choice.scores(), autoMl.metric(), recipe.name());
        } else if (version.attributes().path("performHPO").asBoolean(false)) {
          recipe = named.get();
          Trainer trainer = trainerOf(recipe);
          HpoSettings hpo = HpoSettings.of(recipe, config);
          HyperParameterSearch.Result search = new HyperParameterSearch(trainer, hpo.ranges(), hpo.trainingJobs(), hpo.objective()).run(input, catalogueSize(groupArn, data), monitor);
          trained = search.best();
          tuned = Optional.of(search.tuned());
          LOG.info("HPO of {}: {} by {} over {} trials, chose {}", job.targetArn(), search.objectives(), hpo.objective(), hpo.trainingJobs(), search.tuned());
        } else if (textOnly && data.userCount() < MinimumData.USERS) {
          // Too few users to hold any out: the model is served without offline metrics.
          recipe = named.get();
          trained = new SolutionEvaluation.Trained(trainerOf(recipe).train(input, monitor), Map.of());
        } else {
          recipe = named.get();
          trained = SolutionEvaluation.trainAndEvaluate(trainerOf(recipe), input, catalogueSize(groupArn, data), monitor);
        }
        model = trained.model();
        metrics = trained.metrics();
      }
      monitor.checkStop();
      String key = ModelFiles.keyFor(job.targetArn());
      try (ObjectStore.PendingObject object = ctx.objects().create(key)) {
        ctx.recipes().codec().write(model, object.stream());
        object.commit();
      }
      double hours = (System.nanoTime() - started) / 3.6e12;
      activate(job, key, metrics, hours, watermark, tuned, named.isEmpty() ? Optional.of(recipe) : Optional.empty());
      LOG.info("trained {} ({}) on {} interactions in {} s", job.targetArn(), recipe.name(), data.size(), String.format("%.2f", hours * 3600));
    } catch (TrainingStopped e) {
      stopped(job);
    } catch (DataRequirementException e) {
      throw new JobFailure(e.getMessage(), e);
    }
  }

  /** Fails at once, in words, when the model could not be stored ({@link ModelSpace}). */
  private void requireSpace(Resource version, InteractionData data, DatasetMetadata items, Map<String, String> hyperparameters) throws JobFailure {
    // A search may settle on any dimension, so it is estimated at the largest.
    boolean searching = hyperparameters.isEmpty() || version.attributes().path("performHPO").asBoolean(false);
    long needed = ModelSpace.estimate(data.userCount(), data.itemCount() + items.metadata().ids().size(), searching ? Map.of() : hyperparameters);
    Optional<String> lacking =
        ctx.disk().lacking(needed, "storing the model of " + data.userCount() + " users and " + data.itemCount() + " items", "an upper estimate of its size");
    if (lacking.isPresent()) {
      throw new JobFailure(lacking.get());
    }
  }

  /** A model updated without retraining, and the metrics it carries over. */
  private record Updated(Recommender model, Map<String, Double> metrics) {}

  /**
   * trainingMode UPDATE (aws-user-personalization, aws-hrnn-coldstart): the latest FULL version's
   * model, with the Items dataset's new items added from their metadata and every user's state
   * brought up to date; aws-user-personalization also counts every impression and interaction again
   * for exploration.
   */
  private Updated update(Resource version, TrainingInput input, DatasetMetadata items) throws JobFailure {
    String solutionArn = version.text("solutionArn").orElseThrow();
    Resource base =
        ctx.db().read(tx -> ctx.resources().children(tx, io.tastemaker.server.resources.ResourceKind.SOLUTION_VERSION, solutionArn)).stream()
            .filter(v -> v.hasStatus(Status.ACTIVE) && v.text("trainingMode").orElse("FULL").equals("FULL"))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new JobFailure("trainingMode UPDATE needs an ACTIVE solution version trained in FULL mode."));
    Recommender previous;
    try {
      previous = ModelFiles.load(ctx, ModelFiles.keyOf(base).orElseThrow());
    } catch (DamagedObjectException e) {
      new ModelFaults(ctx).versionDamaged(base.arn(), e);
      throw new JobFailure(
          "trainingMode UPDATE builds on the solution version " + base.arn() + ", whose model cannot be loaded: " + e.getMessage()
              + ". Train a solution version with trainingMode FULL first.", e);
    }
    Map<String, Double> metrics = new java.util.LinkedHashMap<>();
    base.attributes().path(SolutionVersionOperations.METRICS).properties().forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
    if (previous instanceof UserPersonalizationModel explorer) {
      // New items from their metadata, every user's state, and the impressions since for exploration's estimates.
      UserPersonalizationModel grown = explorer.withNewItems(items.metadata(), items.metadata().ids(), items.creation());
      return new Updated(((UserPersonalizationModel) grown.withUsers(input.interactions())).refreshedFrom(input), metrics);
    }
    if (!(previous instanceof HrnnModel hrnn)) {
      throw new JobFailure("The solution's FULL version holds a " + previous.recipe() + " model, which cannot be updated.");
    }
    HrnnModel grown = hrnn.withNewItems(items.metadata(), items.metadata().ids());
    return new Updated(grown.withUsers(input.interactions()), metrics);
  }

  private Trainer trainerOf(Recipe recipe) throws JobFailure {
    return ctx.recipes().trainer(recipe.name())
        .orElseThrow(() -> new JobFailure("Training the recipe " + recipe.name() + " is not available in this version of Tastemaker yet."));
  }

  private static Recipe recipeOf(Resource version) throws JobFailure {
    Optional<String> recipeArn = version.text("recipeArn");
    return RecipeCatalog.all().stream()
        .filter(r -> Arns.recipe(r.name()).equals(recipeArn.get()))
        .findFirst()
        .orElseThrow(() -> new JobFailure("Unknown recipe " + recipeArn.get() + "."));
  }

  /** The solution's events configuration, columns and objective, checked against the datasets the group has now. */
  private TrainingSettings settingsOf(Input config, String groupArn) throws JobFailure {
    try {
      return TrainingSettings.of(config.body(), GroupSchemas.of(ctx, groupArn), true);
    } catch (ApiException e) {
      throw new JobFailure("Create failed. " + e.getMessage(), e);
    }
  }

  private static InteractionFilter filterOf(Resource version, Input config) {
    OptionalDouble threshold = config.optionalText("eventValueThreshold").map(t -> OptionalDouble.of(Double.parseDouble(t))).orElse(OptionalDouble.empty());
    return new InteractionFilter(version.text("eventType"), threshold);
  }

  private Optional<Resource> dataset(String groupArn, String type) {
    String groupName = Arns.resourceName(groupArn);
    return ctx.db().read(tx -> ctx.resources().find(tx, ctx.arns().dataset(groupName, type)));
  }

  /** Distinct items of the Interactions and Items datasets: the denominator of coverage. */
  private int catalogueSize(String groupArn, InteractionData data) {
    Set<String> items = new HashSet<>(data.itemIds());
    Optional<Resource> itemsDataset = dataset(groupArn, "ITEMS");
    if (itemsDataset.isPresent()) {
      for (Segment s : DatasetContents.load(ctx, itemsDataset.get())) {
        items.addAll(s.strings("ITEM_ID").dictionary());
      }
    }
    return items.size();
  }

  /** The interactions a version trains on, as the weights select and sample them, the impressions among them, and the Items and Users metadata. */
  private record Loaded(InteractionData data, Impressions impressions, DatasetMetadata items, DatasetMetadata users) {}

  /**
   * Reads the Interactions dataset's segments and the streamed events (first, so that a damaged
   * Interactions file is the one reported), then the Items and Users datasets, and keeps only what
   * training needs: each segment's columns (its rows' ids, times and id dictionaries, about three times
   * the bytes of the training data) become garbage once read into the interactions, before they are sorted and packed, and the
   * unsampled selection before training starts.
   */
  private Loaded load(
      Resource version, Optional<Resource> interactions, Optional<DatasetSchema> schema, String groupArn, long watermark, boolean textOnly,
      TrainingSettings settings, InteractionFilter filter, Set<String> contextFields) throws JobFailure {
    Queue<Segment> segments = InteractionSegments.load(ctx, interactions, schema, groupArn, watermark);
    if (segments.isEmpty() && !textOnly) {
      throw new JobFailure("Create failed. The dataset group has no Interactions dataset with imported data.");
    }
    java.time.Instant solutionCreated =
        version.parentArn().flatMap(s -> ctx.db().read(tx -> ctx.resources().find(tx, s))).map(Resource::createdAt).orElse(version.createdAt());
    DatasetMetadata items = DatasetMetadata.load(ctx, dataset(groupArn, "ITEMS"), "ITEM_ID", settings.columns(), solutionCreated);
    DatasetMetadata users = DatasetMetadata.load(ctx, dataset(groupArn, "USERS"), "USER_ID", settings.columns(), solutionCreated);
    Optional<ItemObjective> objective = settings.objective().map(o -> ItemObjective.of(items.numbers("ITEM_ID", o.itemAttribute()), o.strength()));
    InteractionWeighting weighting = new InteractionWeighting(settings.events(), objective);
    Impressions impressions = Impressions.fromSegments(segments);
    InteractionData selected = weighting.select(InteractionData.fromSegmentQueue(segments, filter, contextFields));
    try {
      // Personalize's minimum counts what the filters select; the weights' thinning is how this server applies weights.
      if (!textOnly) {
        MinimumData.check(selected);
      }
    } catch (InsufficientDataException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    return new Loaded(weighting.sample(selected, SEED), impressions, items, users);
  }

  /**
   * Marks the version ACTIVE with its model, metrics and training facts; for AutoML also the recipe it
   * chose, on the version and as the solution's {@code autoMLResult}.
   */
  private void activate(
      Job job, String modelKey, Map<String, Double> metrics, double hours, long eventWatermark, Optional<Map<String, String>> tuned, Optional<Recipe> autoMlChoice) {
    ctx.db().write(tx -> {
      Optional<Resource> found = ctx.resources().find(tx, job.targetArn());
      if (found.isEmpty() || !found.get().hasStatus(Status.CREATE_IN_PROGRESS)) {
        if (found.isPresent() && found.get().hasStatus(Status.CREATE_STOPPING)) {
          ctx.resources().update(tx, found.get().withStatus(Status.CREATE_STOPPED, Optional.empty(), ctx.clock().instant()));
        }
        return null;
      }
      Resource version = found.get();
      ObjectNode attributes = version.attributes();
      attributes.remove(ProgressMember.NAME);
      attributes.put(ModelFiles.MODEL, modelKey);
      attributes.put(CampaignServing.EVENT_WATERMARK, eventWatermark);
      tuned.ifPresent(values -> {
        ObjectNode params = attributes.putObject("tunedHPOParams").putObject("algorithmHyperParameters");
        new java.util.TreeMap<>(values).forEach(params::put);
      });
      // Rounded up, as billed time is: a training that ran for any time at all never reads as zero hours.
      attributes.put("trainingHours", BigDecimal.valueOf(hours).setScale(6, RoundingMode.UP));
      ObjectNode rounded = attributes.putObject(SolutionVersionOperations.METRICS);
      metrics.forEach((name, value) -> rounded.put(name, BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP)));
      autoMlChoice.ifPresent(chosen -> attributes.put("recipeArn", Arns.recipe(chosen.name())));
      ctx.resources().update(tx, version.withAttributes(attributes, ctx.clock().instant()).withStatus(Status.ACTIVE, Optional.empty(), ctx.clock().instant()));
      if (autoMlChoice.isPresent() && version.parentArn().isPresent()) {
        Optional<Resource> solution = ctx.resources().find(tx, version.parentArn().get());
        if (solution.isPresent()) {
          ObjectNode solutionAttributes = solution.get().attributes();
          solutionAttributes.putObject("autoMLResult").put("bestRecipeArn", Arns.recipe(autoMlChoice.get().name()));
          ctx.resources().update(tx, solution.get().withAttributes(solutionAttributes, ctx.clock().instant()));
        }
      }
      return null;
    });
  }

  private void stopped(Job job) {
    ctx.db().write(tx -> {
      Optional<Resource> r = ctx.resources().find(tx, job.targetArn());
      if (r.isPresent() && (r.get().hasStatus(Status.CREATE_STOPPING) || r.get().hasStatus(Status.CREATE_IN_PROGRESS))) {
        ctx.resources().update(tx, r.get().withStatus(Status.CREATE_STOPPED, Optional.empty(), ctx.clock().instant()));
      }
      return null;
    });
  }

}
