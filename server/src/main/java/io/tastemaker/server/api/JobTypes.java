package io.tastemaker.server.api;

/** The names of the background job types. */
public final class JobTypes {
  /** Brings a new resource from CREATE PENDING to ACTIVE. */
  public static final String ACTIVATE = "activate";
  /** Removes a resource in DELETE PENDING, with what belongs only to it. */
  public static final String DELETE = "delete";
  /** Runs a dataset import job. */
  public static final String IMPORT = "import";
  /** Trains a solution version. */
  public static final String TRAIN = "train";
  /** Deploys a campaign, or an update of one. */
  public static final String DEPLOY = "deploy";
  /** Runs a batch inference job. */
  public static final String BATCH_INFERENCE = "batch-inference";
  /** Trains a recommender: when created, after an update that changes its training columns, and on its retraining schedule. */
  public static final String TRAIN_RECOMMENDER = "train-recommender";
  /** Stops or starts a recommender, or applies an update that needs no training. */
  public static final String RECOMMENDER_LIFECYCLE = "recommender-lifecycle";

  /** Runs a dataset export job. */
  public static final String EXPORT = "export";
  /** Runs a data deletion job. */
  public static final String DATA_DELETION = "data-deletion";
  /** Applies a dataset's new schema. */
  public static final String DATASET_UPDATE = "dataset-update";
  /** Brings a metric attribution to ACTIVE, or an update of one. */
  public static final String METRIC_ATTRIBUTION = "metric-attribution";
  /** Runs a batch segment job. */
  public static final String BATCH_SEGMENT = "batch-segment";

  private JobTypes() {}
}
