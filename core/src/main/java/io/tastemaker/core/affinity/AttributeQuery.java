package io.tastemaker.core.affinity;

import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.CompiledFilter;
import io.tastemaker.core.filter.DatasetField;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.FilterRequest;
import io.tastemaker.core.filter.FilterSyntaxException;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.schema.DatasetType;
import java.util.List;

/**
 * An {@code itemAttributes} query of aws-item-attribute-affinity, such as {@code ITEMS.GENRES =
 * "Comedy" AND ITEMS.GENRES = "Action"}: the conditions of a filter's WHERE clause on Items fields
 * (with the filter language's operators, AND and OR), read by the filter parser as {@code INCLUDE
 * ItemID WHERE <query>} and evaluated on the Items records.
 */
public final class AttributeQuery {
  private static final String PREFIX = "INCLUDE ItemID WHERE ";

  private final String text;
  private final FilterExpression filter;

  private AttributeQuery(String text, FilterExpression filter) {
    this.text = text;
    this.filter = filter;
  }

  /**
   * Reads a query.
   *
   * @throws IllegalArgumentException naming what is wrong, with character positions in the query
   */
  public static AttributeQuery parse(String text) {
    FilterExpression filter;
    try {
      filter = FilterExpression.parse(PREFIX + text);
    } catch (FilterSyntaxException e) {
      throw new IllegalArgumentException("itemAttributes cannot be read at character " + Math.max(1, e.position() - PREFIX.length()) + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("itemAttributes cannot be read: " + e.getMessage());
    }
    if (filter.expressions().size() != 1) {
      throw new IllegalArgumentException("itemAttributes is one set of conditions on Items fields, without |");
    }
    for (DatasetField field : filter.fields()) {
      if (field.dataset() != DatasetType.ITEMS) {
        throw new IllegalArgumentException("itemAttributes tests Items fields only (such as ITEMS.GENRES = \"Comedy\"), got a " + field.dataset() + " field");
      }
    }
    if (!filter.placeholders().isEmpty()) {
      throw new IllegalArgumentException("itemAttributes takes values, not placeholders such as $" + filter.placeholders().iterator().next());
    }
    return new AttributeQuery(text, filter);
  }

  public String text() {
    return text;
  }

  /** The catalogue items whose Items records meet the query. */
  public ItemMask items(List<String> catalogue, AttributeTable items) {
    return CompiledFilter.compile(filter, catalogue).mask(FilterRequest.of(items));
  }
}
