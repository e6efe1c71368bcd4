package io.tastemaker.core.filter;

import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.FieldType;
import io.tastemaker.core.schema.SchemaField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks a parsed filter's fields against the schemas of a dataset group. */
final class SchemaCheck {
  private final Map<String, DatasetSchema> schemas;

  SchemaCheck(Map<String, DatasetSchema> schemas) {
    this.schemas = Map.copyOf(schemas);
  }

  void check(List<Expression> expressions) {
    for (Expression e : expressions) {
      for (Condition c : e.allConditions()) {
        Optional<SchemaField> field = field(c.field(), c);
        if (c.operand() instanceof FieldRef ref) {
          Optional<SchemaField> other = field(ref, c);
          if (field.isPresent() && other.isPresent() && field.get().type().isNumeric() != other.get().type().isNumeric()) {
            throw new FilterSchemaException(c.field() + " is a " + field.get().type().avroName() + " field and " + ref + " a "
                + other.get().type().avroName() + " field; a condition compares numbers with numbers and strings with strings");
          }
        }
        if (field.isPresent() && field.get().type().isNumeric() && c.operand() instanceof Values values) {
          for (Literal literal : values.literals()) {
            if (literal.number().isEmpty()) {
              throw new FilterSchemaException(c.field() + " is a " + field.get().type().avroName() + " field; it compares with numbers, got "
                  + literal + " (" + c + ")");
            }
          }
        }
      }
    }
  }

  /**
   * The schema field with this name: by exact name, else ignoring case, as Personalize matches
   * filter fields ({@code Items.genre} tests GENRE). Schema names differ by more than case
   * (they are unique when compared alphanumerically), so at most one matches ignoring case.
   */
  static Optional<SchemaField> named(DatasetSchema schema, String name) {
    return schema.field(name).or(() -> schema.fields().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst());
  }

  /** The schema field a reference names, checked for the operator; empty for the event type, which no schema declares. */
  private Optional<SchemaField> field(FieldRef ref, Condition condition) {
    Operator op = condition.operator();
    String dataset = ref.source().dataset().wireName();
    DatasetSchema schema = schemas.get(dataset);
    if (schema == null) {
      throw new FilterSchemaException("The filter uses " + ref + " but the dataset group has no " + dataset + " dataset");
    }
    if (ref.source().isInteractions() && ref.name().equals("EVENT_TYPE")) {
      return Optional.empty();
    }
    SchemaField field = named(schema, ref.name()).orElseThrow(() -> new FilterSchemaException(
        ref + " is not a field of the " + dataset + " dataset (its fields: "
            + schema.fields().stream().map(SchemaField::name).sorted().collect(Collectors.joining(", ")) + ")"));
    if (field.textual()) {
      throw new FilterSchemaException(ref + " is a textual field; filters cannot test textual fields");
    }
    if (field.type() == FieldType.BOOLEAN) {
      throw new FilterSchemaException(ref + " is a boolean field; filters cannot test boolean fields"
          + " (store \"True\"/\"False\" strings or 0/1 numbers instead)");
    }
    if (op.isRange() && !field.type().isNumeric()) {
      throw new FilterSchemaException(op.symbol() + " needs a numeric field (int, long, float or double), but "
          + ref + " is a " + field.type().avroName() + " field (" + condition + ")");
    }
    return Optional.of(field);
  }
}
