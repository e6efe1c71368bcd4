package io.tastemaker.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Personalize's rules for replacing an Items or Users dataset's schema ("Replacing a dataset's
 * schema"): every field of the current schema stays, with its type, its nullability and its
 * categorical or textual attribute; new fields must accept null.
 */
public final class SchemaReplacement {
  private SchemaReplacement() {}

  /**
   * The fields the replacement adds.
   *
   * @throws SchemaException naming every field that breaks a rule and how
   */
  public static List<String> check(DatasetSchema current, DatasetSchema replacement) {
    List<String> problems = new ArrayList<>();
    for (SchemaField field : current.fields()) {
      Optional<SchemaField> kept = replacement.fields().stream().filter(f -> f.name().equals(field.name())).findFirst();
      if (kept.isEmpty()) {
        problems.add("the field " + field.name() + " is missing (a replacement keeps every field of the current schema)");
      } else if (!describe(kept.get()).equals(describe(field))) {
        problems.add("the field " + field.name() + " is " + describe(kept.get()) + " but must stay " + describe(field));
      }
    }
    List<String> added = new ArrayList<>();
    for (SchemaField field : replacement.fields()) {
      if (!current.has(field.name())) {
        added.add(field.name());
        if (!field.nullable()) {
          problems.add("the new field " + field.name() + " must accept null (a union with \"null\")");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new SchemaException(String.join("; ", problems));
    }
    return added;
  }

  private static String describe(SchemaField field) {
    String attribute = field.categorical() ? "categorical " : field.textual() ? "textual " : "";
    return (field.nullable() ? "nullable " : "") + attribute + field.type().avroName();
  }
}
