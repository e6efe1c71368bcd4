package io.tastemaker.core.data;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which dataset columns training may use: a solution's {@code trainingDataConfig}. A dataset type
 * with included columns uses only those; excluded columns are never used; a type named in neither
 * uses all its columns. Dataset types are {@code INTERACTIONS}, {@code ITEMS} and {@code USERS};
 * column names compare ignoring case, as schema field names do.
 *
 * @param excluded per dataset type, the columns left out
 * @param included per dataset type, the only columns used
 */
public record TrainingColumns(Map<String, Set<String>> excluded, Map<String, Set<String>> included) {
  /** Every column used. */
  public static final TrainingColumns ALL = new TrainingColumns(Map.of(), Map.of());

  public TrainingColumns {
    excluded = normalised(excluded);
    included = normalised(included);
  }

  private static Map<String, Set<String>> normalised(Map<String, Set<String>> byType) {
    Map<String, Set<String>> out = new TreeMap<>();
    byType.forEach((type, columns) -> {
      Set<String> upper = new TreeSet<>();
      columns.forEach(c -> upper.add(c.toUpperCase(java.util.Locale.ROOT)));
      out.merge(type.toUpperCase(java.util.Locale.ROOT), upper, (a, b) -> {
        Set<String> both = new TreeSet<>(a);
        both.addAll(b);
        return both;
      });
    });
    out.replaceAll((type, columns) -> Set.copyOf(columns));
    return Map.copyOf(out);
  }

  /** Whether training may use the column of a dataset of this type. */
  public boolean uses(String datasetType, String column) {
    String type = datasetType.toUpperCase(java.util.Locale.ROOT);
    String name = column.toUpperCase(java.util.Locale.ROOT);
    if (excluded.getOrDefault(type, Set.of()).contains(name)) {
      return false;
    }
    Set<String> only = included.get(type);
    return only == null || only.contains(name);
  }

  /** The columns of {@code columns} training may use. */
  public Set<String> usable(String datasetType, Set<String> columns) {
    Set<String> out = new TreeSet<>();
    for (String c : columns) {
      if (uses(datasetType, c)) {
        out.add(c);
      }
    }
    return Set.copyOf(out);
  }
}
