package io.tastemaker.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contexts interactions happen in: each is the set of categorical features ({@code DEVICE=phone})
 * of an Interactions dataset's contextual fields, and each distinct set is stored once, so an
 * interaction keeps one int. Multi-valued fields split on {@code |}, as item and user metadata do.
 */
public final class ContextTable {
  /** The context of an interaction that has none. */
  public static final int NONE = -1;
  private static final int[] NO_FEATURES = new int[0];

  private final List<String> vocabulary = new ArrayList<>();
  private final Map<String, Integer> featureIndex = new HashMap<>();
  private final List<int[]> sets = new ArrayList<>();
  private final Map<List<Integer>, Integer> setIndex = new HashMap<>();

  /** Every feature, as {@code FIELD=value}, in first-seen order. */
  public List<String> vocabulary() {
    return List.copyOf(vocabulary);
  }

  public int featureCount() {
    return vocabulary.size();
  }

  /** The number of distinct contexts. */
  public int size() {
    return sets.size();
  }

  /** The features of a context; empty for {@link #NONE}. The array is shared: do not change it. */
  public int[] features(int context) {
    return context == NONE ? NO_FEATURES : sets.get(context);
  }

  /** The features of a context by name, {@code FIELD=value}. */
  public List<String> names(int context) {
    return Arrays.stream(features(context)).mapToObj(vocabulary::get).toList();
  }

  /** The index of a feature, added when new. */
  public int featureIndex(String feature) {
    return featureIndex.computeIfAbsent(feature, k -> {
      vocabulary.add(k);
      return vocabulary.size() - 1;
    });
  }

  /** The context of a set of features, added when new; {@link #NONE} for no features. */
  public int intern(int[] features) {
    int[] distinct = Arrays.stream(features).distinct().toArray();
    if (distinct.length == 0) {
      return NONE;
    }
    List<Integer> key = Arrays.stream(distinct).boxed().toList();
    return setIndex.computeIfAbsent(key, k -> {
      sets.add(distinct);
      return sets.size() - 1;
    });
  }

  /** The context of features given by name ({@code FIELD=value}), added when new. */
  public int intern(List<String> features) {
    return intern(features.stream().mapToInt(this::featureIndex).toArray());
  }

  /** The features of a field's value: one per {@code |}-separated part. */
  public static List<String> featuresOf(String field, String value) {
    List<String> features = new ArrayList<>();
    for (String part : value.split("\\|")) {
      if (!part.isEmpty()) {
        features.add(field + "=" + part);
      }
    }
    return features;
  }

  ContextTable copy() {
    ContextTable c = new ContextTable();
    vocabulary.forEach(c::featureIndex);
    sets.forEach(c::intern);
    return c;
  }
}
