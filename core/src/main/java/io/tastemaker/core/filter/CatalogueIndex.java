package io.tastemaker.core.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@link FieldIndex}es of the Items fields a filter tests, for one attribute table. */
final class CatalogueIndex {
  private final Map<String, FieldIndex> byField;

  private CatalogueIndex(Map<String, FieldIndex> byField) {
    this.byField = byField;
  }

  static CatalogueIndex build(List<String> catalogue, AttributeTable items, Set<String> fields) {
    if (fields.isEmpty()) {
      return new CatalogueIndex(Map.of());
    }
    List<Optional<AttributeRecord>> records = new ArrayList<>(catalogue.size());
    for (String id : catalogue) {
      records.add(items.get(id));
    }
    Map<String, FieldIndex> byField = new HashMap<>();
    for (String field : fields) {
      byField.put(field, FieldIndex.build(field, records));
    }
    return new CatalogueIndex(byField);
  }

  FieldIndex field(String name) {
    FieldIndex index = byField.get(name);
    assert index != null : "field " + name + " was not indexed; indexed: " + byField.keySet();
    return index;
  }
}
