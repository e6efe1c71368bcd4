package io.tastemaker.core.batch;

import io.tastemaker.core.filter.CompiledFilter;
import io.tastemaker.core.filter.FilterEvaluation;
import io.tastemaker.core.filter.FilterMask;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.model.ItemCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A batch job's filter over a model's catalogue, evaluated with the records of a {@link
 * FilterSnapshot}; a line whose filter values are missing or malformed is refused with the message
 * the server's job writes.
 */
public final class BatchFilter {
  private final FilterSnapshot snapshot;
  private final ItemCatalog catalog;
  private final CompiledFilter compiled;

  public BatchFilter(FilterSnapshot snapshot, ItemCatalog catalog) {
    this.snapshot = snapshot;
    this.catalog = catalog;
    this.compiled = CompiledFilter.compile(snapshot.filter(), catalog.ids());
  }

  /** The catalogue's items the filter allows for a line. */
  FilterMask mask(Map<String, String> values, Optional<String> userId, Optional<String> itemId) {
    return refusedAsLine(() -> FilterEvaluation.mask(compiled, snapshot, catalog, values, userId, itemId));
  }

  /** Which of these ids, unknown to the model (a ranking line's), the filter allows. */
  FilterMask maskOf(List<String> itemIds, Map<String, String> values, Optional<String> userId) {
    return refusedAsLine(() -> FilterEvaluation.mask(CompiledFilter.compile(snapshot.filter(), itemIds), snapshot, new ItemCatalog(itemIds), values, userId, Optional.empty()));
  }

  private static FilterMask refusedAsLine(Supplier<FilterMask> mask) {
    try {
      return mask.get();
    } catch (IllegalArgumentException e) {
      throw new LineRefusedException(e.getMessage());
    }
  }
}
