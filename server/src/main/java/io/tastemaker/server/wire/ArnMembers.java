package io.tastemaker.server.wire;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kind of resource each ARN member of the Personalize APIs names, so that an ARN of another kind
 * ({@code campaignArn} holding a dataset group's ARN) is refused as invalid input, naming the member,
 * instead of being looked up and not found or ignored.
 *
 * <p>A kind is the resource type of the ARN ({@code arn:aws:personalize:REGION:ACCOUNT:TYPE/NAME});
 * a solution version is {@code solution/NAME/ID}, one level below its solution.
 */
public final class ArnMembers {
  static final String SOLUTION_VERSION = "solution version";

  private static final Map<String, Set<String>> KINDS =
      Map.ofEntries(
          Map.entry("schemaArn", Set.of("schema")),
          Map.entry("datasetGroupArn", Set.of("dataset-group")),
          Map.entry("datasetArn", Set.of("dataset")),
          Map.entry("datasetImportJobArn", Set.of("dataset-import-job")),
          Map.entry("solutionArn", Set.of("solution")),
          Map.entry("solutionVersionArn", Set.of(SOLUTION_VERSION)),
          Map.entry("campaignArn", Set.of("campaign")),
          Map.entry("recommenderArn", Set.of("recommender")),
          Map.entry("filterArn", Set.of("filter")),
          Map.entry("eventTrackerArn", Set.of("event-tracker")),
          Map.entry("batchInferenceJobArn", Set.of("batch-inference-job")),
          Map.entry("datasetExportJobArn", Set.of("dataset-export-job")),
          Map.entry("dataDeletionJobArn", Set.of("data-deletion-job")),
          Map.entry("metricAttributionArn", Set.of("metric-attribution")),
          Map.entry("batchSegmentJobArn", Set.of("batch-segment-job")),
          Map.entry("recipeArn", Set.of("recipe")),
          Map.entry("recipeList", Set.of("recipe")),
          Map.entry("algorithmArn", Set.of("algorithm")),
          Map.entry("featureTransformationArn", Set.of("feature-transformation")),
          // The resources Personalize tags (the Create operations with a tags member); schemas have none.
          Map.entry(
              "resourceArn",
              Set.of(
                  "dataset-group", "dataset", "dataset-import-job", "dataset-export-job", "solution", SOLUTION_VERSION, "campaign",
                  "recommender", "event-tracker", "filter", "batch-inference-job", "batch-segment-job", "metric-attribution",
                  "data-deletion-job")));

  private ArnMembers() {}

  /** The kinds an ARN member may name; empty for members that are not Personalize resource ARNs. */
  public static Set<String> kinds(String member) {
    return KINDS.getOrDefault(member, Set.of());
  }

  /** The kind of resource an ARN names, read from its resource part. */
  public static Optional<String> kindOf(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return Optional.empty();
    }
    String resource = parts[5];
    int slash = resource.indexOf('/');
    if (slash <= 0 || slash == resource.length() - 1) {
      return Optional.empty();
    }
    String type = resource.substring(0, slash);
    if (type.equals("solution") && resource.indexOf('/', slash + 1) > 0) {
      return Optional.of(SOLUTION_VERSION);
    }
    return Optional.of(type);
  }

  /** Whether {@code arn} names a resource of a kind {@code member} takes; members without kinds take any. */
  public static boolean fits(String member, String arn) {
    Set<String> kinds = kinds(member);
    return kinds.isEmpty() || kindOf(arn).filter(kinds::contains).isPresent();
  }
}
