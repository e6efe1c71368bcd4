package io.tastemaker.core.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The interaction-context features a model learned ({@code DEVICE=phone}, in the order of its
 * vectors), and the features of a request's {@code context} among them.
 */
public final class ContextVocabulary {
  private final List<String> features;
  private final Map<String, Integer> index = new HashMap<>();

  public ContextVocabulary(List<String> features) {
    this.features = List.copyOf(features);
    for (int f = 0; f < features.size(); f++) {
      index.put(features.get(f), f);
    }
  }

  /** The features, in the order of the model's vectors. */
  public List<String> features() {
    return features;
  }

  public boolean isEmpty() {
    return features.isEmpty();
  }

  /**
   * The indices of a request context's features, each once, by field name: a field's {@code
   * |}-separated values are features of their own, as in training; values the model never saw are
   * left out, so they add nothing.
   */
  public int[] featuresOf(Map<String, String> context) {
    if (context.isEmpty() || index.isEmpty()) {
      return new int[0];
    }
    List<Integer> found = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
      for (String feature : ContextTable.featuresOf(e.getKey(), e.getValue())) {
        Integer f = index.get(feature);
        if (f != null && !found.contains(f)) {
          found.add(f);
        }
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }
}
