package io.tastemaker.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The items a model knows: external ids to dense indices and back. */
public final class ItemCatalog {
  private final List<String> ids;
  private final Map<String, Integer> index;

  public ItemCatalog(List<String> ids) {
    this.ids = List.copyOf(ids);
    this.index = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < this.ids.size(); i++) {
      if (index.put(this.ids.get(i), i) != null) {
        throw new IllegalArgumentException("item id " + this.ids.get(i) + " appears twice in the catalogue");
      }
    }
  }

  public int size() {
    return ids.size();
  }

  public String id(int item) {
    return ids.get(item);
  }

  public OptionalInt indexOf(String id) {
    Integer i = index.get(id);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  public List<String> ids() {
    return ids;
  }
}
