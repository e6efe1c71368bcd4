package io.tastemaker.core.filter;

import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.FieldType;
import io.tastemaker.core.schema.SchemaField;
import java.util.List;
import java.util.Map;
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
        field(c.field(), c.operator());
        if (c.operand() instanceof FieldRef ref) {
          field(ref, c.operator());
        }
      }
    }
  }

  private void field(FieldRef ref, Operator op) {
    String dataset = ref.source().dataset().wireName();
    DatasetSchema schema = schemas.get(dataset);
    if (schema == null) {
      throw new FilterSchemaException("The filter uses " + ref + " but the dataset group has no " + dataset + " dataset");
    }
    if (ref.source() == Source.INTERACTIONS && ref.name().equals("EVENT_TYPE")) {
      return;
    }
    SchemaField field = schema.field(ref.name()).orElseThrow(() -> new FilterSchemaException(
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
          + ref + " is a " + field.type().avroName() + " field");
    }
  }
}
