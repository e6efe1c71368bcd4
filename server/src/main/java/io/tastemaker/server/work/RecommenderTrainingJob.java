package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.TrainingColumns;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.domain.UseCase;
import io.tastemaker.core.domain.UseCases;
import io.tastemaker.core.eval.SolutionEvaluation;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetSchemaRules;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.InsufficientDataException;
import io.tastemaker.core.training.MinimumData;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingStopped;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.control.RecommenderOperations;
import io.tastemaker.server.datasets.DamagedDataException;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.RecommenderServing;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a recommender's model: when it is created, when an update changes what training reads,
 * and on its retraining schedule ({@link RetrainingSchedule}). The use case's recipe family learns
 * from the group's interactions of the use case's event types (imported and streamed), with the
 * Items and Users metadata less {@code excludedDatasetColumns}; the offline metrics come from the
 * held-out users of {@link SolutionEvaluation} and show as {@code modelMetrics}.
 *
 * <p>A first training ends the recommender ACTIVE or CREATE FAILED; an update's training ends the
 * update ACTIVE (its config applied) or CREATE FAILED, and a scheduled one keeps the recommender
 * serving its old model when it fails, saying why in {@code failureReason}.
 */
public final class RecommenderTrainingJob extends ResourceJob {
  private static final Logger LOG = LoggerFactory.getLogger(RecommenderTrainingJob.class);
  /** When the current model was trained, epoch seconds: the retraining schedule counts from it. */
  public static final String TRAINED_AT = "_trainedAt";
  /** Set while a scheduled retraining is queued, so it is queued once. */
  public static final String RETRAINING = "_retraining";

  /** Why the job runs, read from the stored recommender so a restart resumes the same work. */
  private enum Purpose { CREATE, UPDATE, RETRAIN }

  private final RecommenderServing serving;

  public RecommenderTrainingJob(ApiContext ctx, RecommenderServing serving) {
    super(ctx);
    this.serving = serving;
  }

  @Override
  public boolean heavy() {
    return true;
  }

  @Override
  public int maxAttempts() {
    return 2;
  }

  /** Whether a recommender is training: being created, updated or retrained on its schedule. */
  public static boolean training(Resource r) {
    if (r.status().map(Status.UNFINISHED::contains).orElse(false) || r.attributes().has(RETRAINING)) {
      return true;
    }
    return Status.UNFINISHED.contains(r.attributes().path(RecommenderOperations.LATEST_UPDATE).path("status").asText());
  }

  private static Purpose purposeOf(Resource r) {
    if (r.hasStatus(Status.CREATE_PENDING) || r.hasStatus(Status.CREATE_IN_PROGRESS)) {
      return Purpose.CREATE;
    }
    String update = r.attributes().path(RecommenderOperations.LATEST_UPDATE).path("status").asText();
    return Status.UNFINISHED.contains(update) ? Purpose.UPDATE : Purpose.RETRAIN;
  }

  @Override
  public void run(Job job) throws JobFailure, IOException {
    Optional<Resource> found = target(job);
    if (found.isEmpty() || found.get().status().map(Status.DELETING::contains).orElse(true)) {
      return;
    }
    Resource recommender = found.get();
    Purpose purpose = purposeOf(recommender);
    JsonNode config = switch (purpose) {
      case CREATE, RETRAIN -> recommender.attributes().path("recommenderConfig");
      case UPDATE -> recommender.attributes().path(RecommenderOperations.LATEST_UPDATE).path("recommenderConfig");
    };
    String groupArn = recommender.datasetGroupArn().orElseThrow();
    switch (purpose) {
      case CREATE -> {
        ParentActivation.await(ctx, groupArn, "recommender " + recommender.arn());
        status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
      }
      case UPDATE -> updateStatus(job, Status.CREATE_IN_PROGRESS, Optional.empty(), false);
      case RETRAIN -> LOG.info("retraining {} on its schedule", recommender.arn());
    }
    UseCase useCase = RecommenderServing.useCaseOf(recommender);
    try {
      Trained trained = train(job, recommender, useCase, config);
      activate(job, purpose, trained);
    } catch (DamagedDataException e) {
      throw new JobFailure("Create failed. " + e.getMessage() + " Then update the recommender to train it again.", e);
    }
  }

  private record Trained(String modelKey, Map<String, Double> metrics, long eventWatermark) {}

  private Trained train(Job job, Resource recommender, UseCase useCase, JsonNode config) throws JobFailure, IOException {
    long started = System.nanoTime();
    String groupArn = recommender.datasetGroupArn().orElseThrow();
    Map<String, Set<String>> excluded = excludedColumns(config);
    Resource interactions = dataset(groupArn, "INTERACTIONS")
        .orElseThrow(() -> new JobFailure("Create failed. The dataset group has no Interactions dataset; create it and import your interactions first."));
    Optional<DatasetSchema> schema = DatasetSchemas.of(ctx, interactions);
    Set<String> contextFields = new HashSet<>(schema.map(DatasetSchemaRules::contextualFields).orElse(Set.of()));
    contextFields.removeIf(f -> excluded.getOrDefault("INTERACTIONS", Set.of()).contains(f.toUpperCase(Locale.ROOT)));
    long watermark = ctx.db().read(EventLog::lastSeq);
    Queue<Segment> segments = InteractionSegments.load(ctx, Optional.of(interactions), schema, groupArn, watermark);
    if (segments.isEmpty()) {
      throw new JobFailure("Create failed. The Interactions dataset has no data yet; import your interactions (CreateDatasetImportJob) first.");
    }
    InteractionData data = InteractionData.fromSegmentQueue(segments, InteractionFilter.ofTypes(useCase.trainingEventTypes()), contextFields);
    checkData(data, useCase);
    TrainingColumns columns = new TrainingColumns(excluded, Map.of());
    DatasetMetadata items = DatasetMetadata.load(ctx, dataset(groupArn, "ITEMS"), "ITEM_ID", columns, java.time.Instant.MAX);
    DatasetMetadata users = DatasetMetadata.load(ctx, dataset(groupArn, "USERS"), "USER_ID", columns, java.time.Instant.MAX);
    Map<String, String> hyperparameters = useCase.resolvedHyperparameters();
    Trainer trainer = ctx.recipes().trainer(useCase.backing().name())
        .orElseThrow(() -> new JobFailure("Training " + useCase.backing().name() + " (behind " + useCase.name() + ") is not available in this version."));
    TrainingInput input =
        new TrainingInput(data, hyperparameters, TrainingJob.SEED, items.metadata(), users.metadata(), items.creation(), ctx.clock().instant().getEpochSecond()).withItemText(items.text());
    VersionMonitor monitor = new VersionMonitor(ctx, job.targetArn());
    try {
      SolutionEvaluation.Trained trained = SolutionEvaluation.trainAndEvaluate(trainer, input, catalogueSize(data, items), monitor);
      String key = "recommenders/" + Arns.resourceName(recommender.arn()) + "/" + ctx.clock().millis() + ".model";
      try (ObjectStore.PendingObject object = ctx.objects().create(key)) {
        ctx.recipes().codec().write(trained.model(), object.stream());
        object.commit();
      }
      LOG.info("trained {} ({} on {}) on {} interactions in {} s", recommender.arn(), useCase.name(), useCase.backing().name(), data.size(),
          String.format("%.2f", (System.nanoTime() - started) / 1e9));
      return new Trained(key, trained.metrics(), watermark);
    } catch (TrainingStopped e) {
      throw new JobFailure("Training stopped: the recommender was deleted.", e);
    } catch (DataRequirementException e) {
      throw new JobFailure(e.getMessage(), e);
    }
  }

  /** The guide's minimum data: every recipe's, and the use case's events of its required type. */
  private static void checkData(InteractionData data, UseCase useCase) throws JobFailure {
    try {
      MinimumData.check(data);
    } catch (InsufficientDataException e) {
      String types = useCase.trainingEventTypes().isEmpty() ? "" : " (" + useCase.name() + " trains on event types " + useCase.trainingEventTypes() + ", ignoring case)";
      throw new JobFailure(e.getMessage().replace("after the solution's event filters", "of the event types the use case trains on") + types, e);
    }
    if (useCase.requiredEventType().isEmpty()) {
      return;
    }
    int count = 0;
    for (int i = 0; i < data.size(); i++) {
      int type = data.eventType(i);
      if (type >= 0 && useCase.countsTowardMinimum(data.eventTypes().get(type))) {
        count++;
      }
    }
    if (count < UseCases.MIN_EVENTS) {
      throw new JobFailure(
          "Create failed. " + useCase.name() + " needs at least " + UseCases.MIN_EVENTS + " interactions with EVENT_TYPE " + useCase.requiredEventType().get()
              + " (any case); the Interactions dataset has " + count + ".");
    }
  }

  /** {@code trainingDataConfig.excludedDatasetColumns}: column names (upper case) by dataset type. */
  private static Map<String, Set<String>> excludedColumns(JsonNode config) {
    Map<String, Set<String>> excluded = new java.util.HashMap<>();
    config.path("trainingDataConfig").path("excludedDatasetColumns").properties().forEach(e -> {
      Set<String> columns = new HashSet<>();
      e.getValue().forEach(c -> columns.add(c.asText().toUpperCase(Locale.ROOT)));
      excluded.put(e.getKey().toUpperCase(Locale.ROOT), columns);
    });
    return excluded;
  }

  private int catalogueSize(InteractionData data, DatasetMetadata items) {
    Set<String> all = new HashSet<>(data.itemIds());
    all.addAll(items.metadata().ids());
    return all.size();
  }

  private Optional<Resource> dataset(String groupArn, String type) {
    String groupName = Arns.resourceName(groupArn);
    return ctx.db().read(tx -> ctx.resources().find(tx, ctx.arns().dataset(groupName, type)));
  }

  /** Stores the new model and its metrics; the purpose's status turns ACTIVE and the recommender serves it. */
  private void activate(Job job, Purpose purpose, Trained trained) throws JobFailure {
    boolean serve = ctx.db().write(tx -> {
      Optional<Resource> found = ctx.resources().find(tx, job.targetArn());
      if (found.isEmpty() || found.get().status().map(Status.DELETING::contains).orElse(true)) {
        return false;
      }
      Resource r = found.get();
      ObjectNode attributes = r.attributes();
      attributes.remove(ProgressMember.NAME);
      attributes.remove(RETRAINING);
      attributes.put(RecommenderServing.MODEL, trained.modelKey());
      attributes.put(CampaignServing.EVENT_WATERMARK, trained.eventWatermark());
      attributes.put(TRAINED_AT, ctx.clock().instant().getEpochSecond());
      ObjectNode metrics = attributes.putObject("modelMetrics");
      trained.metrics().forEach((name, value) -> metrics.put(name, BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP)));
      if (purpose == Purpose.UPDATE && attributes.path(RecommenderOperations.LATEST_UPDATE).isObject()) {
        ObjectNode update = (ObjectNode) attributes.get(RecommenderOperations.LATEST_UPDATE);
        update.put("status", Status.ACTIVE);
        update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
        attributes.set("recommenderConfig", update.get("recommenderConfig"));
      }
      Resource updated = r.withAttributes(attributes, ctx.clock().instant());
      if (purpose == Purpose.CREATE) {
        updated = updated.withStatus(Status.ACTIVE, Optional.empty(), ctx.clock().instant());
      } else if (r.failureReason().isPresent() && r.hasStatus(Status.ACTIVE)) {
        updated = updated.withStatus(Status.ACTIVE, Optional.empty(), ctx.clock().instant());
      }
      ctx.resources().update(tx, updated);
      return updated.hasStatus(Status.ACTIVE);
    });
    if (serve) {
      try {
        serving.deploy(job.targetArn());
      } catch (DamagedObjectException e) {
        throw new JobFailure("The new model cannot be loaded: " + e.getMessage(), e);
      }
    }
  }

  /** Moves the pending update to a status, with a reason when it failed. */
  private void updateStatus(Job job, String status, Optional<String> reason, boolean clearRetraining) {
    ctx.db().write(tx -> {
      Optional<Resource> found = ctx.resources().find(tx, job.targetArn());
      if (found.isEmpty() || !found.get().attributes().path(RecommenderOperations.LATEST_UPDATE).isObject()) {
        return null;
      }
      ObjectNode attributes = found.get().attributes();
      ObjectNode update = (ObjectNode) attributes.get(RecommenderOperations.LATEST_UPDATE);
      update.put("status", status);
      reason.ifPresent(r -> update.put("failureReason", r));
      update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
      if (clearRetraining) {
        attributes.remove(RETRAINING);
      }
      ctx.resources().update(tx, found.get().withAttributes(attributes, ctx.clock().instant()));
      return null;
    });
  }

  @Override
  public void fail(Job job, String reason) {
    Optional<Resource> found = target(job);
    if (found.isEmpty()) {
      return;
    }
    switch (purposeOf(found.get())) {
      case CREATE -> super.fail(job, reason);
      case UPDATE -> updateStatus(job, Status.CREATE_FAILED, Optional.of(reason), true);
      case RETRAIN -> {
        LOG.warn("scheduled retraining of {} failed: {}", job.targetArn(), reason);
        ctx.db().write(tx -> {
          Optional<Resource> r = ctx.resources().find(tx, job.targetArn());
          if (r.isPresent() && r.get().hasStatus(Status.ACTIVE)) {
            ObjectNode attributes = r.get().attributes();
            attributes.remove(RETRAINING);
            // The schedule counts from the attempt, so a failing retraining is not repeated at once.
            attributes.put(TRAINED_AT, ctx.clock().instant().getEpochSecond());
            ctx.resources().update(tx, r.get().withAttributes(attributes, ctx.clock().instant())
                .withStatus(Status.ACTIVE, Optional.of("The scheduled retraining failed; the recommender serves its previous model. " + reason), ctx.clock().instant()));
          }
          return null;
        });
      }
    }
  }
}
