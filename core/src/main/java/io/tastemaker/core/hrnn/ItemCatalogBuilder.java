package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.TrainingInput;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The items an HRNN model knows and what it knows of them: every interacted item, plus, for
 * aws-hrnn-coldstart, the Items dataset's items that never had an interaction; each item's
 * metadata features; and which items are cold.
 *
 * <p>An item is cold (aws-hrnn-coldstart) when it has fewer than {@code
 * cold_start_max_interactions} interactions and, if it has a CREATION_TIMESTAMP, is at most {@code
 * cold_start_max_duration} days old, counted from the newest item ({@code latestItem}) or from now
 * ({@code currentTime}). Personalize requires 100 to 80,000 cold items.
 */
final class ItemCatalogBuilder {
  static final int MIN_COLD = 100;
  static final int MAX_COLD = 80_000;

  final List<String> ids;
  final int[][] features;
  final boolean[] cold;

  private ItemCatalogBuilder(List<String> ids, int[][] features, boolean[] cold) {
    this.ids = ids;
    this.features = features;
    this.cold = cold;
  }

  static ItemCatalogBuilder of(TrainingInput input, boolean metadata, boolean coldstart) {
    InteractionData data = input.interactions();
    List<String> ids = new ArrayList<>(data.itemIds());
    Metadata items = input.items();
    if (coldstart) {
      java.util.Set<String> known = new java.util.HashSet<>(ids);
      for (String id : items.ids()) {
        if (known.add(id)) {
          ids.add(id);
        }
      }
    }
    int[][] features = new int[ids.size()][];
    for (int i = 0; i < ids.size(); i++) {
      features[i] = metadata ? items.featuresOf(ids.get(i)).orElse(new int[0]) : new int[0];
    }
    boolean[] cold = new boolean[ids.size()];
    if (coldstart) {
      markCold(input, ids, cold);
    }
    return new ItemCatalogBuilder(ids, features, cold);
  }

  private static void markCold(TrainingInput input, List<String> ids, boolean[] cold) {
    java.util.Map<String, String> p = input.hyperparameters();
    int maxInteractions = HyperParameter.asInt(p.get("cold_start_max_interactions"));
    double maxDays = HyperParameter.asDouble(p.get("cold_start_max_duration"));
    boolean fromLatest = p.get("cold_start_relative_from").equals("latestItem");
    InteractionData data = input.interactions();
    long[] counts = new long[ids.size()];
    for (int i = 0; i < data.size(); i++) {
      counts[data.item(i)]++;
    }
    long reference = input.now();
    if (fromLatest) {
      reference = input.itemCreation().values().stream().mapToLong(Long::longValue).max().orElse(input.now());
    }
    int coldCount = 0;
    for (int i = 0; i < ids.size(); i++) {
      OptionalLong created = input.creationOf(ids.get(i));
      boolean young = created.isEmpty() || (reference - created.getAsLong()) <= maxDays * 86_400;
      cold[i] = counts[i] < maxInteractions && young && !input.items().featuresOf(ids.get(i)).map(f -> f.length == 0).orElse(true);
      if (cold[i]) {
        coldCount++;
      }
    }
    if (coldCount < MIN_COLD || coldCount > MAX_COLD) {
      throw new DataRequirementException(
          "Create failed. aws-hrnn-coldstart needs between " + MIN_COLD + " and " + MAX_COLD + " cold items (fewer than " + maxInteractions
              + " interactions, at most " + maxDays + " days old, with metadata in the Items dataset); the data has " + coldCount + ".");
    }
  }
}
