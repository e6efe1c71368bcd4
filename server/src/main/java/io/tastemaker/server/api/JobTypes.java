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
  /** Runs a batch segment job. */
  public static final String BATCH_SEGMENT = "batch-segment";

  private JobTypes() {}
}
