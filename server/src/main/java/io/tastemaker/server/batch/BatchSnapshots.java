package io.tastemaker.server.batch;

import io.tastemaker.server.resources.Arns;

/**
 * Where a batch inference or segment job that runs on Spark keeps, in the object store, what its
 * executors read of the dataset group (its filter's snapshot, its items' signals, its Items records, its actions' takings and records) while it runs: one key per job and
 * kind, so that a run again replaces what a killed run left, a failure finds it, and the orphan
 * sweep keeps a running job's.
 */
public final class BatchSnapshots {
  private static final String FOLDER = "batch-snapshots/";

  private BatchSnapshots() {}

  /** The folder of the job's snapshots, as {@code ObjectStore.deleteAll} takes it. */
  public static String folderOf(String jobArn) {
    return FOLDER + Arns.resourceName(jobArn);
  }

  /** The key prefix of every snapshot of the job. */
  public static String prefixOf(String jobArn) {
    return folderOf(jobArn) + "/";
  }

  /** The job's filter snapshot. */
  public static String filterKey(String jobArn) {
    return prefixOf(jobArn) + "filter.json.gz";
  }

  /** The Items records of an aws-item-attribute-affinity segment job. */
  public static String itemsKey(String jobArn) {
    return prefixOf(jobArn) + "items.json.gz";
  }

  /** What an aws-next-best-action job's lines read besides the model. */
  public static String actionsKey(String jobArn) {
    return prefixOf(jobArn) + "actions.json.gz";
  }

  /** The job's item signals. */
  public static String signalsKey(String jobArn) {
    return prefixOf(jobArn) + "signals.json.gz";
  }
}
