package io.tastemaker.bench.reliability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The ARNs a fuzz run knows, by kind ({@code dataset-group}, {@code solution-version}, ...): the
 * fixture's, which are never handed out for deletion, and those the run's own creations returned.
 */
final class ArnPool {
  private final Map<String, List<String>> byKind = new LinkedHashMap<>();
  private final Set<String> kept = new HashSet<>();

  /** The kind of a Personalize ARN: its resource type, {@code solution-version} for a version. */
  static String kindOf(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return "unknown";
    }
    String[] path = parts[5].split("/");
    return path[0].equals("solution") && path.length > 2 ? "solution-version" : path[0];
  }

  /** The kind an ARN member of a request names, such as {@code dataset-group} for datasetGroupArn. */
  static Optional<String> kindOfMember(String member) {
    return switch (member) {
      case "datasetGroupArn" -> Optional.of("dataset-group");
      case "schemaArn" -> Optional.of("schema");
      case "datasetArn" -> Optional.of("dataset");
      case "datasetImportJobArn" -> Optional.of("dataset-import-job");
      case "solutionArn" -> Optional.of("solution");
      case "solutionVersionArn" -> Optional.of("solution-version");
      case "campaignArn" -> Optional.of("campaign");
      case "filterArn" -> Optional.of("filter");
      case "eventTrackerArn" -> Optional.of("event-tracker");
      case "batchInferenceJobArn" -> Optional.of("batch-inference-job");
      case "batchSegmentJobArn" -> Optional.of("batch-segment-job");
      case "recommenderArn" -> Optional.of("recommender");
      case "datasetExportJobArn" -> Optional.of("dataset-export-job");
      case "dataDeletionJobArn" -> Optional.of("data-deletion-job");
      case "metricAttributionArn" -> Optional.of("metric-attribution");
      default -> Optional.empty();
    };
  }

  /** Adds an ARN the fixture owns: named in requests, never deleted. */
  void keep(String arn) {
    add(arn);
    kept.add(arn);
  }

  void add(String arn) {
    List<String> arns = byKind.computeIfAbsent(kindOf(arn), k -> new ArrayList<>());
    if (!arns.contains(arn)) {
      arns.add(arn);
    }
  }

  /** Forgets an ARN that was deleted. */
  void remove(String arn) {
    byKind.getOrDefault(kindOf(arn), new ArrayList<>()).remove(arn);
  }

  /** A known ARN of the kind, the fixture's half the time; for deletion, only one the run created itself. */
  Optional<String> pick(String kind, SplittableRandom random, boolean forDeletion) {
    List<String> arns = byKind.getOrDefault(kind, List.of());
    if (forDeletion) {
      arns = arns.stream().filter(a -> !kept.contains(a)).toList();
    } else if (random.nextBoolean() && arns.stream().anyMatch(kept::contains)) {
      // Half the time the fixture's, whose data lets the handlers do their whole work.
      arns = arns.stream().filter(kept::contains).toList();
    }
    return arns.isEmpty() ? Optional.empty() : Optional.of(arns.get(random.nextInt(arns.size())));
  }

  /** Any known ARN of a kind that takes tags (every kind but schemas and recipes), for resourceArn. */
  String taggable(SplittableRandom random) {
    List<String> kinds = new ArrayList<>(byKind.keySet());
    kinds.removeAll(List.of("schema", "recipe"));
    List<String> arns = byKind.get(kinds.get(random.nextInt(kinds.size())));
    return arns.get(random.nextInt(arns.size()));
  }

  /** Any known ARN of any kind. */
  String any(SplittableRandom random) {
    List<String> kinds = new ArrayList<>(byKind.keySet());
    List<String> arns = byKind.get(kinds.get(random.nextInt(kinds.size())));
    return arns.get(random.nextInt(arns.size()));
  }

  /** Every ARN of the kinds other than {@code kind}. */
  List<String> otherKinds(String kind) {
    List<String> out = new ArrayList<>();
    byKind.forEach((k, arns) -> {
      if (!k.equals(kind)) {
        out.addAll(arns);
      }
    });
    return out;
  }
}
