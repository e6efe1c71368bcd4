package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.affinity.UserMask;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.batch.SegmentLineAnswers;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.s3.S3Settings;
import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.ItemRecordsSnapshot;
import io.tastemaker.core.filter.UserSegmentFilter;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.batch.BatchSnapshots;
import io.tastemaker.server.batch.OrderedLines;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.GroupAttributes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateBatchSegmentJob's work: every line (an item, or an item-attribute query) answered with the
 * users of the solution version's affinity model most likely to interact with it, through the
 * files of {@link BatchLinesJob}. A job's user filter is evaluated once per distinct {@code
 * filterValues}, on the group's Users records and imported interactions. With {@code
 * --spark-master}, the jobs the model alone answers run as a Spark application ({@link
 * SparkSubmission}) and write the same files.
 */
public final class BatchSegmentJob extends BatchLinesJob {
  private static final Logger LOG = LoggerFactory.getLogger(BatchSegmentJob.class);
  private final GroupAttributes attributes;
  private final Optional<SparkSubmission> spark;

  /**
   * @param spark where jobs run on Spark; empty to run every job in process
   * @param s3 how the Spark application reaches S3, as this server does
   */
  public BatchSegmentJob(ApiContext ctx, GroupAttributes attributes, Optional<SparkSettings> spark, S3Settings s3) {
    super(ctx, "batch segment");
    this.attributes = attributes;
    this.spark = spark.map(settings -> new SparkSubmission(settings, s3));
  }

  /**
   * With a Spark master, an aws-item-affinity or aws-item-attribute-affinity job without a filter
   * runs as a Spark application, the latter with the group's Items records as they are now (an
   * object of the job's, deleted when it ends); a filter reads the group's Users records and
   * interactions, so those run here, and the log says why.
   */
  @Override
  protected Optional<ElsewhereRun> elsewhere(Resource batch) throws JobFailure {
    if (spark.isEmpty()) {
      return Optional.empty();
    }
    String versionArn = batch.text("solutionVersionArn").orElseThrow();
    Resource version = VersionModels.activeVersion(ctx, versionArn, "a batch segment job");
    String recipe = version.text("recipeArn").orElse("");
    boolean byAttributes = recipe.equals(Arns.recipe(RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY));
    Optional<String> inProcess = batch.attributes().hasNonNull("filterArn") ? Optional.of("filters read the dataset group's Users records and interactions")
        : !recipe.equals(Arns.recipe(RecipeCatalog.ITEM_AFFINITY)) && !byAttributes ? Optional.of("only affinity models answer segment lines")
        : Optional.empty();
    if (inProcess.isPresent()) {
      LOG.info("batch segment job {} runs in process, not on Spark: {}", batch.arn(), inProcess.get());
      return Optional.empty();
    }
    String model = modelAddress(version);
    int numResults = batch.attributes().path("numResults").asInt(25);
    if (!byAttributes) {
      return Optional.of(spark.get().runner(batch.arn(), BatchJobDescription.Kind.SEGMENT, model, numResults, Optional.empty()));
    }
    // Attribute queries read the Items records: the executors read them as they are now, from an object of the job's.
    String group = version.datasetGroupArn().orElseThrow();
    String items = writeSnapshot(BatchSnapshots.itemsKey(batch.arn()), out -> ItemRecordsSnapshot.write(attributes.items(group), out));
    return Optional.of(deletingSnapshots(batch, spark.get().runner(batch.arn(), BatchJobDescription.Kind.SEGMENT, model, numResults, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(items))));
  }

  @Override
  protected Function<List<String>, List<String>> answerer(Resource batch) throws JobFailure {
    String versionArn = batch.text("solutionVersionArn").orElseThrow();
    Resource version = VersionModels.activeVersion(ctx, versionArn, "a batch segment job");
    Recommender loaded = VersionModels.load(ctx, version, "The batch segment job", "run the batch segment job with it");
    if (!(loaded instanceof AffinityModel model)) {
      throw new JobFailure("The solution version " + versionArn + " holds a " + loaded.recipe() + " model; batch segment jobs need a USER_SEGMENTATION recipe (aws-item-affinity or aws-item-attribute-affinity).");
    }
    String group = version.datasetGroupArn().orElseThrow();
    Function<Map<String, String>, UserMask> users = userMasks(Optional.ofNullable(batch.attributes().get("filterArn")).map(JsonNode::asText), model, group);
    SegmentLineAnswers lines = new SegmentLineAnswers(model, batch.attributes().path("numResults").asInt(25), users,
        query -> query.items(model.items().ids(), attributes.items(group)));
    return OrderedLines.eachLine(lines::answer);
  }

  /** The users a segment may hold, per line's filterValues: everyone without a filter. */
  private Function<Map<String, String>, UserMask> userMasks(Optional<String> filterArn, AffinityModel model, String group) throws JobFailure {
    if (filterArn.isEmpty()) {
      return SegmentLineAnswers::everyone;
    }
    Resource filter = ctx.db().read(tx -> ctx.resources().find(tx, filterArn.get()))
        .filter(f -> f.kind() == ResourceKind.FILTER && f.hasStatus(Status.ACTIVE))
        .orElseThrow(() -> new JobFailure("The filter " + filterArn.get() + " no longer exists or is not ACTIVE."));
    UserSegmentFilter compiled;
    try {
      compiled = UserSegmentFilter.compile(FilterExpression.parse(filter.text("filterExpression").orElseThrow()), userIds(model));
    } catch (IllegalArgumentException e) {
      throw new JobFailure("The filter " + filterArn.get() + " cannot filter user segments: " + e.getMessage(), e);
    }
    List<Set<String>> eventTypes = compiled.usesInteractions() ? eventTypes(model, group) : List.of();
    Map<Map<String, String>, BitSet> masks = new ConcurrentHashMap<>();
    return values -> {
      BitSet allowed = masks.computeIfAbsent(Map.copyOf(values), v -> compiled.allowed(attributes.users(group), u -> eventTypes.isEmpty() ? Set.of() : eventTypes.get(u), v));
      return allowed::get;
    };
  }

  private static List<String> userIds(AffinityModel model) {
    List<String> ids = new ArrayList<>(model.userCount());
    for (int u = 0; u < model.userCount(); u++) {
      ids.add(model.userId(u));
    }
    return ids;
  }

  /** Each model user's event types in the group's imported interactions, lower-cased. */
  private List<Set<String>> eventTypes(AffinityModel model, String group) {
    GroupAttributes.Imported imported = attributes.interactions(group);
    InteractionData data = imported.data();
    List<Set<String>> types = new ArrayList<>(model.userCount());
    for (int u = 0; u < model.userCount(); u++) {
      Set<String> own = new HashSet<>();
      Integer user = imported.userIndex().get(model.userId(u));
      if (user != null) {
        for (int k = data.start(user); k < data.end(user); k++) {
          int type = data.eventType(k);
          own.add(type < 0 ? "" : data.eventTypes().get(type).toLowerCase(Locale.ROOT));
        }
      }
      types.add(Set.copyOf(own));
    }
    return types;
  }
}
