package io.tastemaker.server.solutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.data.TrainingColumns;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.SchemaField;
import io.tastemaker.server.wire.ApiException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code trainingDataConfig}: {@code excludedDatasetColumns} and {@code
 * includedDatasetColumns}, each a map from a dataset type (INTERACTIONS, ITEMS, USERS, any case) to
 * column names. Each column must be a field of that dataset's schema, where the dataset exists; the
 * id columns, TIMESTAMP and EVENT_TYPE cannot be excluded, as the guide says of EVENT_TYPE.
 */
public final class TrainingDataConfigMember {
  static final Set<String> TYPES = Set.of("INTERACTIONS", "ITEMS", "USERS");
  private static final Set<String> ALWAYS_USED = Set.of("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE");

  private TrainingDataConfigMember() {}

  /**
   * The columns training may use.
   *
   * @param where the member's path in errors, such as {@code solutionConfig.trainingDataConfig}
   * @param schemas the schema of the group's dataset of each type, by upper-case type, where it exists
   * @param datasetsRequired whether naming a dataset the group lacks is an error (at training) or
   *     is left to be checked when training starts (at CreateSolution)
   */
  public static TrainingColumns parse(JsonNode config, String where, Map<String, DatasetSchema> schemas, boolean datasetsRequired) {
    if (config == null || config.isNull()) {
      return TrainingColumns.ALL;
    }
    Map<String, Set<String>> excluded = columns(config.get("excludedDatasetColumns"), where + ".excludedDatasetColumns", schemas, datasetsRequired, true);
    Map<String, Set<String>> included = columns(config.get("includedDatasetColumns"), where + ".includedDatasetColumns", schemas, datasetsRequired, false);
    return new TrainingColumns(excluded, included);
  }

  private static Map<String, Set<String>> columns(
      JsonNode map, String path, Map<String, DatasetSchema> schemas, boolean datasetsRequired, boolean excluding) {
    Map<String, Set<String>> out = new TreeMap<>();
    if (map == null || map.isNull()) {
      return out;
    }
    if (!map.isObject()) {
      throw ApiException.invalidInput(path + " must be a map of dataset types to column lists, got " + map);
    }
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String type = e.getKey().toUpperCase(Locale.ROOT);
      String at = path + "." + e.getKey();
      if (!TYPES.contains(type)) {
        throw ApiException.invalidInput(path + " takes the dataset types INTERACTIONS, ITEMS and USERS as keys, got " + e.getKey());
      }
      if (!e.getValue().isArray()) {
        throw ApiException.invalidInput(at + " must be a list of column names, got " + e.getValue());
      }
      Optional<DatasetSchema> schema = Optional.ofNullable(schemas.get(type));
      if (schema.isEmpty() && datasetsRequired && e.getValue().size() > 0) {
        throw ApiException.invalidInput(at + " names columns of a " + type + " dataset, but the dataset group has none");
      }
      Set<String> names = new LinkedHashSet<>();
      for (JsonNode column : e.getValue()) {
        String name = column.asText();
        if (schema.isPresent() && fieldOf(schema.get(), name).isEmpty()) {
          throw ApiException.invalidInput(
              at + " names " + name + ", which is not a column of the " + type + " dataset's schema "
                  + schema.get().fields().stream().map(SchemaField::name).toList());
        }
        if (excluding && ALWAYS_USED.contains(name.toUpperCase(Locale.ROOT))) {
          throw ApiException.invalidInput(at + " cannot exclude " + name + ": training always uses the id columns, TIMESTAMP and EVENT_TYPE");
        }
        names.add(name);
      }
      out.merge(type, names, (a, b) -> {
        a.addAll(b);
        return a;
      });
    }
    return out;
  }

  /** The schema field with this name, ignoring case. */
  static Optional<SchemaField> fieldOf(DatasetSchema schema, String name) {
    return schema.field(name).or(() -> schema.fields().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst());
  }
}
