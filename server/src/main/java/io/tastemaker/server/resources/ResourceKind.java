package io.tastemaker.server.resources;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of Personalize resources and how each appears on the wire.
 *
 * <p>Describe answers wrap the resource in {@link #describeKey}; List answers put summaries under
 * {@link #listKey} (the capital F of {@code Filters} is Personalize's own); a summary carries the
 * common members plus {@link #summaryAttributes}.
 */
public enum ResourceKind {
  SCHEMA("schema", "schemaArn", "name", "schema", "schemas", false, true, List.of("domain")),
  DATASET_GROUP("dataset-group", "datasetGroupArn", "name", "datasetGroup", "datasetGroups", true, true, List.of("domain")),
  DATASET("dataset", "datasetArn", "name", "dataset", "datasets", true, false, List.of("datasetType")),
  DATASET_IMPORT_JOB(
      "dataset-import-job", "datasetImportJobArn", "jobName", "datasetImportJob", "datasetImportJobs", true, true, List.of("importMode")),
  SOLUTION("solution", "solutionArn", "name", "solution", "solutions", true, false, List.of("recipeArn")),
  SOLUTION_VERSION(
      "solution", "solutionVersionArn", "name", "solutionVersion", "solutionVersions", true, true, List.of("trainingMode", "trainingType")),
  CAMPAIGN("campaign", "campaignArn", "name", "campaign", "campaigns", true, true, List.of()),
  EVENT_TRACKER("event-tracker", "eventTrackerArn", "name", "eventTracker", "eventTrackers", true, false, List.of()),
  FILTER("filter", "filterArn", "name", "filter", "Filters", true, true, List.of("datasetGroupArn")),
  BATCH_INFERENCE_JOB(
      "batch-inference-job",
      "batchInferenceJobArn",
      "jobName",
      "batchInferenceJob",
      "batchInferenceJobs",
      true,
      true,
      List.of("solutionVersionArn", "batchInferenceJobMode")),
  RECOMMENDER(
      "recommender", "recommenderArn", "name", "recommender", "recommenders", true, false, List.of("datasetGroupArn", "recipeArn", "recommenderConfig")),
  DATASET_EXPORT_JOB(
      "dataset-export-job", "datasetExportJobArn", "jobName", "datasetExportJob", "datasetExportJobs", true, true, List.of()),
  DATA_DELETION_JOB(
      "data-deletion-job", "dataDeletionJobArn", "jobName", "dataDeletionJob", "dataDeletionJobs", true, true, List.of("datasetGroupArn")),
  METRIC_ATTRIBUTION(
      "metric-attribution", "metricAttributionArn", "name", "metricAttribution", "metricAttributions", true, true, List.of()),
  BATCH_SEGMENT_JOB(
      "batch-segment-job", "batchSegmentJobArn", "jobName", "batchSegmentJob", "batchSegmentJobs", true, true, List.of("solutionVersionArn"));

  private final String arnType;
  private final String arnKey;
  private final String nameKey;
  private final String describeKey;
  private final String listKey;
  private final boolean hasStatus;
  private final boolean failureInSummary;
  private final List<String> summaryAttributes;

  ResourceKind(
      String arnType,
      String arnKey,
      String nameKey,
      String describeKey,
      String listKey,
      boolean hasStatus,
      boolean failureInSummary,
      List<String> summaryAttributes) {
    this.arnType = arnType;
    this.arnKey = arnKey;
    this.nameKey = nameKey;
    this.describeKey = describeKey;
    this.listKey = listKey;
    this.hasStatus = hasStatus;
    this.failureInSummary = failureInSummary;
    this.summaryAttributes = summaryAttributes;
  }

  /** The resource type inside the ARN, such as {@code dataset-group}. */
  public String arnType() {
    return arnType;
  }

  /** The wire member that holds the ARN, such as {@code datasetGroupArn}. */
  public String arnKey() {
    return arnKey;
  }

  /** The wire member that holds the name: {@code name}, or {@code jobName} for jobs. */
  public String nameKey() {
    return nameKey;
  }

  public String describeKey() {
    return describeKey;
  }

  public String listKey() {
    return listKey;
  }

  /** Whether the resource reports a status (schemas don't). */
  public boolean hasStatus() {
    return hasStatus;
  }

  public boolean failureInSummary() {
    return failureInSummary;
  }

  public List<String> summaryAttributes() {
    return summaryAttributes;
  }

  /** Summaries of solution versions carry no name. */
  public boolean nameInSummary() {
    return this != SOLUTION_VERSION;
  }

  /** The kind an ARN names, read from its resource part. */
  public static Optional<ResourceKind> ofArn(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return Optional.empty();
    }
    String resource = parts[5];
    int slash = resource.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String type = resource.substring(0, slash);
    if (type.equals("solution")) {
      return Optional.of(resource.indexOf('/', slash + 1) > 0 ? SOLUTION_VERSION : SOLUTION);
    }
    return Arrays.stream(values()).filter(k -> k.arnType.equals(type)).findFirst();
  }

  /** A readable name for messages, such as {@code dataset group}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
