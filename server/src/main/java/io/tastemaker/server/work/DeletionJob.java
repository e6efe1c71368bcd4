package io.tastemaker.server.work;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobHandler;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.RecommenderServing;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.events.RecordLog;
import java.io.IOException;
import java.util.function.Consumer;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Removes a resource in DELETE PENDING together with what exists only through it: a dataset group's
 * filters, a dataset's import jobs, a solution's versions and their batch inference jobs.
 */
public final class DeletionJob implements JobHandler {
  private final ApiContext ctx;
  private final CampaignServing serving;
  private final RecommenderServing recommenders;

  /** @param eventsDeleted hears of a dataset group whose streamed events were deleted */
  private final Consumer<String> eventsDeleted;

  public DeletionJob(ApiContext ctx, CampaignServing serving, RecommenderServing recommenders, Consumer<String> eventsDeleted) {
    this.ctx = ctx;
    this.serving = serving;
    this.recommenders = recommenders;
    this.eventsDeleted = eventsDeleted;
  }

  @Override
  public void run(Job job) throws IOException {
    Optional<Resource> found = ctx.db().read(tx -> ctx.resources().find(tx, job.targetArn()));
    if (found.isEmpty()) {
      return;
    }
    ctx.db().write(tx -> {
      Resource r = ctx.resources().find(tx, job.targetArn()).orElse(null);
      if (r == null) {
        return null;
      }
      ctx.resources().update(tx, r.withStatus(Status.DELETE_IN_PROGRESS, Optional.empty(), ctx.clock().instant()));
      deleteTree(tx, r);
      return null;
    });
    if (found.get().kind() == ResourceKind.CAMPAIGN) {
      serving.undeploy(found.get().arn());
    }
    if (found.get().kind() == ResourceKind.RECOMMENDER) {
      recommenders.undeploy(found.get().arn());
    }
    for (String folder : objectFolders(found.get())) {
      ctx.objects().deleteAll(folder);
    }
  }

  /** The object store folders that hold a resource's bulk data. */
  private static List<String> objectFolders(Resource r) {
    return switch (r.kind()) {
      case DATASET -> List.of(DatasetContents.folder(r));
      case SOLUTION -> List.of("models/" + Arns.resourceName(r.arn()));
      case RECOMMENDER -> List.of("recommenders/" + Arns.resourceName(r.arn()));
      default -> List.of();
    };
  }

  private void deleteTree(Transaction tx, Resource r) throws SQLException {
    for (Resource child : dependents(tx, r)) {
      deleteTree(tx, child);
    }
    ctx.resources().delete(tx, r.arn());
    // Streamed events belong to the group's Interactions dataset; put records to their dataset.
    if (r.kind() == ResourceKind.DATASET) {
      RecordLog.deleteDataset(tx, r.arn());
      if (r.arn().endsWith("/INTERACTIONS")) {
        String group = r.datasetGroupArn().orElseThrow();
        EventLog.deleteGroup(tx, group);
        tx.afterCommit(() -> eventsDeleted.accept(group));
      }
    }
  }

  private List<Resource> dependents(Transaction tx, Resource r) throws SQLException {
    return switch (r.kind()) {
      case DATASET_GROUP -> {
        List<Resource> owned = new java.util.ArrayList<>(ctx.resources().inGroup(tx, ResourceKind.FILTER, r.arn()));
        owned.addAll(ctx.resources().inGroup(tx, ResourceKind.DATA_DELETION_JOB, r.arn()));
        owned.addAll(ctx.resources().inGroup(tx, ResourceKind.METRIC_ATTRIBUTION, r.arn()));
        yield owned;
      }
      case DATASET -> {
        List<Resource> owned = new java.util.ArrayList<>(ctx.resources().children(tx, ResourceKind.DATASET_IMPORT_JOB, r.arn()));
        owned.addAll(ctx.resources().children(tx, ResourceKind.DATASET_EXPORT_JOB, r.arn()));
        yield owned;
      }
      case SOLUTION -> ctx.resources().children(tx, ResourceKind.SOLUTION_VERSION, r.arn());
      case SOLUTION_VERSION -> {
        List<Resource> jobs = new java.util.ArrayList<>(ctx.resources().children(tx, ResourceKind.BATCH_INFERENCE_JOB, r.arn()));
        jobs.addAll(ctx.resources().children(tx, ResourceKind.BATCH_SEGMENT_JOB, r.arn()));
        yield jobs;
      }
      default -> List.of();
    };
  }

  @Override
  public void fail(Job job, String reason) {
    // A deletion that cannot finish leaves the resource as it was, with the reason.
    ctx.db().write(tx -> {
      Optional<Resource> r = ctx.resources().find(tx, job.targetArn());
      if (r.isPresent()) {
        ctx.resources().update(tx, r.get().withStatus(Status.ACTIVE, Optional.of("Deletion failed: " + reason), ctx.clock().instant()));
      }
      return null;
    });
  }
}
