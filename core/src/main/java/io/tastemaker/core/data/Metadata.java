package io.tastemaker.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The categorical metadata of items or users as features a model can learn from: each value of
 * each categorical field ({@code GENRES=Comedy}; multi-valued fields split on {@code |}) is one
 * feature, and each entity has the list of its features. A later segment's record replaces an
 * earlier one with the same id, as INCREMENTAL imports and PutItems do.
 */
public final class Metadata {
  public static final Metadata EMPTY = new Metadata(List.of(), new int[0][], List.of(), List.of());

  private final List<String> ids;
  private final int[][] features;
  private final List<String> vocabulary;
  private final List<String> fields;
  private final Map<String, Integer> index = new HashMap<>();

  private Metadata(List<String> ids, int[][] features, List<String> vocabulary, List<String> fields) {
    this.ids = List.copyOf(ids);
    this.features = features;
    this.vocabulary = List.copyOf(vocabulary);
    this.fields = List.copyOf(fields);
    for (int e = 0; e < this.ids.size(); e++) {
      index.put(this.ids.get(e), e);
    }
  }

  /**
   * Reads the categorical fields of an Items or Users dataset.
   *
   * @param idField {@code ITEM_ID} or {@code USER_ID}
   * @param categorical the fields to use
   */
  public static Metadata fromSegments(List<Segment> segments, String idField, Set<String> categorical) {
    Map<String, List<String>> latest = new LinkedHashMap<>();
    List<String> fields = categorical.stream().sorted().toList();
    for (Segment s : segments) {
      StringColumn ids = s.strings(idField);
      List<StringColumn> columns = new ArrayList<>();
      for (String field : fields) {
        s.column(field).filter(StringColumn.class::isInstance).map(StringColumn.class::cast).ifPresent(columns::add);
      }
      for (int row = 0; row < s.rows(); row++) {
        List<String> keys = new ArrayList<>();
        for (StringColumn column : columns) {
          if (!column.isNull(row)) {
            for (String value : column.value(row).split("\\|")) {
              if (!value.isEmpty()) {
                keys.add(column.name() + "=" + value);
              }
            }
          }
        }
        latest.put(ids.value(row), keys);
      }
    }
    Map<String, Integer> vocabulary = new LinkedHashMap<>();
    int[][] features = new int[latest.size()][];
    int e = 0;
    for (List<String> keys : latest.values()) {
      features[e++] = keys.stream().mapToInt(k -> vocabulary.computeIfAbsent(k, x -> vocabulary.size())).distinct().toArray();
    }
    return new Metadata(new ArrayList<>(latest.keySet()), features, new ArrayList<>(vocabulary.keySet()), fields);
  }

  /** Builds metadata from explicit feature lists, for tests and tools. */
  public static Metadata of(Map<String, List<String>> featuresById) {
    Map<String, Integer> vocabulary = new LinkedHashMap<>();
    int[][] features = new int[featuresById.size()][];
    int e = 0;
    for (List<String> keys : featuresById.values()) {
      features[e++] = keys.stream().mapToInt(k -> vocabulary.computeIfAbsent(k, x -> vocabulary.size())).distinct().toArray();
    }
    return new Metadata(new ArrayList<>(featuresById.keySet()), features, new ArrayList<>(vocabulary.keySet()), List.of());
  }

  public boolean isEmpty() {
    return vocabulary.isEmpty();
  }

  /** The entities that have a record, in first-seen order. */
  public List<String> ids() {
    return ids;
  }

  /** Every feature, as {@code FIELD=value}. */
  public List<String> vocabulary() {
    return vocabulary;
  }

  public List<String> fields() {
    return fields;
  }

  /** The features of an entity, empty when it has no record. */
  public Optional<int[]> featuresOf(String id) {
    Integer e = index.get(id);
    return e == null ? Optional.empty() : Optional.of(features[e].clone());
  }

  @Override
  public String toString() {
    return "Metadata[" + ids.size() + " entities, " + vocabulary.size() + " features " + Arrays.toString(fields.toArray()) + "]";
  }
}
