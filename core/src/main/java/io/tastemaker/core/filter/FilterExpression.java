package io.tastemaker.core.filter;

import io.tastemaker.core.schema.DatasetSchema;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed and rule-checked filter expression: one or more {@link Expression}s chained with
 * {@code |}. The only way to get one is {@link #parse}, so every instance obeys the rules listed
 * in the package documentation.
 */
public final class FilterExpression {
  private final String text;
  private final List<Expression> expressions;

  private FilterExpression(String text, List<Expression> expressions) {
    this.text = text;
    this.expressions = List.copyOf(expressions);
  }

  /**
   * Parses and checks a filter expression with the default limits.
   *
   * @throws FilterSyntaxException naming the character, what was found and what was expected
   */
  public static FilterExpression parse(String text) {
    return parse(text, FilterLimits.DEFAULT);
  }

  /**
   * Parses and checks a filter expression.
   *
   * @throws FilterSyntaxException naming the character, what was found and what was expected
   */
  public static FilterExpression parse(String text, FilterLimits limits) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(limits, "limits");
    return new FilterExpression(text, Parser.parse(text, limits));
  }

  /** The text it was parsed from. */
  public String text() {
    return text;
  }

  public List<Expression> expressions() {
    return expressions;
  }

  /** What it selects; all its expressions share one target. Only an ItemID filter filters items, only an ActionID filter actions. */
  public Target target() {
    return expressions.get(0).target();
  }

  /** The names of its placeholders (without the $), in order of first appearance. */
  public Set<String> placeholders() {
    Set<String> names = new LinkedHashSet<>();
    expressions.forEach(e -> names.addAll(e.placeholders()));
    return Collections.unmodifiableSet(names);
  }

  /** The distinct dataset fields it uses, CurrentUser and CurrentItem fields included, in order. */
  public Set<DatasetField> fields() {
    Set<DatasetField> fields = new LinkedHashSet<>();
    for (Expression e : expressions) {
      for (Condition c : e.allConditions()) {
        fields.add(c.field().datasetField());
        if (c.operand() instanceof FieldRef ref) {
          fields.add(ref.datasetField());
        }
      }
    }
    return Collections.unmodifiableSet(fields);
  }

  /**
   * Checks the fields against the dataset group's schemas: each must exist, must not be textual or
   * boolean, and must be numeric where compared with {@code <, <=, >, >=}. Interactions.EVENT_TYPE
   * only needs an Interactions dataset, since event types can arrive by PutEvents (and
   * Action_Interactions.EVENT_TYPE an Action_Interactions dataset).
   *
   * @param schemasByDatasetName keyed "Items", "Users", "Interactions", "Actions",
   *     "Action_Interactions" (the datasets' wire names); a missing key means the
   *     dataset group has no such dataset
   * @throws FilterSchemaException describing the first problem
   */
  public void checkAgainst(Map<String, DatasetSchema> schemasByDatasetName) {
    new SchemaCheck(schemasByDatasetName).check(expressions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterExpression f && expressions.equals(f.expressions);
  }

  @Override
  public int hashCode() {
    return expressions.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
