package io.tastemaker.core.attribution;

import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.SchemaField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric attribution's function, as Personalize documents it: {@code SAMPLECOUNT()} counts the
 * events of the metric's type, {@code SUM(Interactions.COLUMN)} or {@code SUM(Items.COLUMN)} adds up
 * a numeric column of the event or of its item.
 *
 * @param dataset {@code Interactions} or {@code Items} for SUM, empty for SAMPLECOUNT
 * @param column the summed column, empty for SAMPLECOUNT
 */
public record MetricExpression(Optional<String> dataset, Optional<String> column) {
  private static final Pattern SAMPLECOUNT = Pattern.compile("\\s*SAMPLECOUNT\\s*\\(\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern SUM =
      Pattern.compile("\\s*SUM\\s*\\(\\s*(Interactions|Items)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);

  /**
   * Reads an expression.
   *
   * @param where the member it came from, named in the message
   * @throws IllegalArgumentException naming the member and the value when it is neither form
   */
  public static MetricExpression parse(String text, String where) {
    if (SAMPLECOUNT.matcher(text).matches()) {
      return new MetricExpression(Optional.empty(), Optional.empty());
    }
    Matcher sum = SUM.matcher(text);
    if (sum.matches()) {
      String dataset = sum.group(1).toLowerCase(Locale.ROOT).equals("items") ? "Items" : "Interactions";
      return new MetricExpression(Optional.of(dataset), Optional.of(sum.group(2)));
    }
    throw new IllegalArgumentException(
        where + " must be SAMPLECOUNT() or SUM(DATASET.COLUMN) with DATASET Interactions or Items, such as SUM(Items.PRICE); got " + text);
  }

  public boolean isCount() {
    return column.isEmpty();
  }

  /**
   * The schema's numeric field that a SUM adds up, found ignoring case.
   *
   * @throws IllegalArgumentException naming the member when the schema has no such numeric field
   */
  public SchemaField field(DatasetSchema schema, String where) {
    String name = column.orElseThrow();
    Optional<SchemaField> found = schema.fields().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    if (found.isEmpty() || !found.get().type().isNumeric()) {
      throw new IllegalArgumentException(
          where + " sums " + dataset.orElseThrow() + "." + name + ", but the " + dataset.get() + " schema has no numeric field " + name
              + (found.isPresent() ? " (it is " + found.get().type().avroName() + ")" : ""));
    }
    return found.get();
  }
}
