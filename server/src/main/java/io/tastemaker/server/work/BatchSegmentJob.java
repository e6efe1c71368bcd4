package io.tastemaker.server.work;

import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.affinity.UserMask;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.batch.SegmentLineAnswers;
import io.tastemaker.core.batch.SegmentUsers;
import io.tastemaker.core.filter.FilterEvaluation;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.filter.ItemRecordsSnapshot;
import io.tastemaker.core.filter.UserSegmentFilter;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.s3.S3Settings;
import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.batch.BatchSnapshots;
import io.tastemaker.server.batch.OrderedLines;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.GroupAttributes;
import io.tastemaker.server.serving.GroupSegmentRecords;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CreateBatchSegmentJob's work: every line (an item, or an item-attribute query) answered with the
 * users of the solution version's affinity model most likely to interact with it, through the
 * files of {@link BatchLinesJob}. A job's user filter is evaluated once per distinct {@code
 * filterValues}, on the group's Users records and imported interactions ({@link SegmentUsers}). With
 * {@code --spark-master}, affinity models' jobs run as a Spark application ({@link
 * SparkSubmission}) and write the same files.
 */
public final class BatchSegmentJob extends BatchLinesJob {
  private final GroupAttributes attributes;

  /**
   * @param spark where jobs run on Spark; empty to run every job in process
   * @param s3 how the Spark application reaches S3, as this server does
   */
  public BatchSegmentJob(ApiContext ctx, GroupAttributes attributes, Optional<SparkSettings> spark, S3Settings s3) {
    super(ctx, "batch segment", spark, s3);
    this.attributes = attributes;
  }

  /** Only affinity models make segments: another version's job fails here, saying so. */
  @Override
  protected Optional<String> whyInProcess(Resource batch, Resource version) {
    String recipe = version.text("recipeArn").orElse("");
    return recipe.equals(Arns.recipe(RecipeCatalog.ITEM_AFFINITY)) || byAttributes(version) ? Optional.empty()
        : Optional.of("only affinity models answer segment lines");
  }

  /**
   * An aws-item-affinity or aws-item-attribute-affinity job as a Spark application, with what its
   * executors read of the group now, as objects of the job's deleted when it ends: its filter with
   * the Users records and each user's event types ({@link FilterSnapshot}, as {@link
   * GroupSegmentRecords} reads them here), and for attribute queries the Items records ({@link
   * ItemRecordsSnapshot}). A filter that is gone or selects items fails the job as in process.
   */
  @Override
  protected Optional<ElsewhereRun> onSpark(SparkSubmission spark, Resource batch, Resource version, SparkModel model) throws JobFailure {
    String group = version.datasetGroupArn().orElseThrow();
    Optional<String> filterArn = batch.text("filterArn");
    Optional<String> filter = Optional.empty();
    if (filterArn.isPresent()) {
      FilterExpression expression = segmentFilter(filterArn.get());
      GroupSegmentRecords records = new GroupSegmentRecords(attributes, group);
      filter = Optional.of(writeSnapshot(BatchSnapshots.filterKey(batch.arn()), out -> FilterSnapshot.write(expression, records, records.users(),
          FilterEvaluation.readsInteractions(expression) ? records.interactingUsers() : List.of(), out)));
    }
    Optional<String> items = Optional.empty();
    if (byAttributes(version)) {
      items = Optional.of(writeSnapshot(BatchSnapshots.itemsKey(batch.arn()), out -> ItemRecordsSnapshot.write(attributes.items(group), out)));
    }
    return Optional.of(deletingSnapshots(batch, spark.runner(batch.arn(), BatchJobDescription.Kind.SEGMENT, model.address(), model.numResults(), Optional.empty(),
        SparkSubmission.Snapshots.NONE.withFilter(filter).withItemRecords(items))));
  }

  private static boolean byAttributes(Resource version) {
    return version.text("recipeArn").orElse("").equals(Arns.recipe(RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY));
  }

  @Override
  protected Function<List<String>, List<String>> answerer(Resource batch) throws JobFailure {
    Resource version = activeVersion(batch);
    Recommender loaded = VersionModels.load(ctx, version, "The batch segment job", "run the batch segment job with it");
    if (!(loaded instanceof AffinityModel model)) {
      throw new JobFailure("The solution version " + version.arn() + " holds a " + loaded.recipe() + " model; batch segment jobs need a USER_SEGMENTATION recipe (aws-item-affinity or aws-item-attribute-affinity).");
    }
    String group = version.datasetGroupArn().orElseThrow();
    Function<Map<String, String>, UserMask> users = userMasks(batch.text("filterArn"), model, group);
    SegmentLineAnswers lines = new SegmentLineAnswers(model, batch.attributes().path("numResults").asInt(25), users,
        query -> query.items(model.items().ids(), attributes.items(group)));
    return OrderedLines.eachLine(lines::answer);
  }

  /** The users a segment may hold, per line's filterValues: everyone without a filter. */
  private Function<Map<String, String>, UserMask> userMasks(Optional<String> filterArn, AffinityModel model, String group) throws JobFailure {
    if (filterArn.isEmpty()) {
      return SegmentLineAnswers::everyone;
    }
    GroupSegmentRecords records = new GroupSegmentRecords(attributes, group);
    return SegmentUsers.of(segmentFilter(filterArn.get()), model, records.users(), records);
  }

  /** The job's filter, which must be an ACTIVE UserID filter. */
  private FilterExpression segmentFilter(String filterArn) throws JobFailure {
    Resource filter = ctx.db().read(tx -> ctx.resources().find(tx, filterArn))
        .filter(f -> f.kind() == ResourceKind.FILTER && f.hasStatus(Status.ACTIVE))
        .orElseThrow(() -> new JobFailure("The filter " + filterArn + " no longer exists or is not ACTIVE."));
    try {
      FilterExpression expression = FilterExpression.parse(filter.text("filterExpression").orElseThrow());
      UserSegmentFilter.compile(expression, List.of());
      return expression;
    } catch (IllegalArgumentException e) {
      throw new JobFailure("The filter " + filterArn + " cannot filter user segments: " + e.getMessage(), e);
    }
  }
}
