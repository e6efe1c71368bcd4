package io.tastemaker.core.filter;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The requesting user's interactions with catalogue items, by event type (case-insensitive:
 * stored lower case). The caller decides which interactions count; Personalize looks at the 100
 * most recent per event type.
 */
public final class UserInteractions {
  /** A user without interactions. */
  public static final UserInteractions NONE = new UserInteractions(Map.of());

  private final Map<String, BitSet> itemsByType;

  private UserInteractions(Map<String, BitSet> itemsByType) {
    this.itemsByType = itemsByType;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The event types the user has interactions of, lower case. */
  public Set<String> eventTypes() {
    return itemsByType.keySet();
  }

  /** Whether the user interacted with the item by this event type, in any case. */
  public boolean interacted(String eventType, int item) {
    BitSet items = itemsByType.get(eventType.toLowerCase(Locale.ROOT));
    return items != null && item >= 0 && items.get(item);
  }

  /**
   * The items interacted with by an event type in {@code lowerCaseTypes} (any type when
   * {@code anyType}), or by one not in it when {@code negate}; only items below {@code size}.
   */
  BitSet items(Set<String> lowerCaseTypes, boolean anyType, boolean negate, int size) {
    BitSet result = new BitSet(size);
    itemsByType.forEach((type, items) -> {
      boolean listed = anyType || lowerCaseTypes.contains(type);
      if (listed != negate) {
        result.or(items);
      }
    });
    if (result.length() > size) {
      result.clear(size, result.length());
    }
    return result;
  }

  @Override
  public String toString() {
    return "UserInteractions" + itemsByType;
  }

  /** Collects interactions one at a time. */
  public static final class Builder {
    private final Map<String, BitSet> itemsByType = new HashMap<>();

    private Builder() {}

    /**
     * Records an interaction.
     *
     * @param item the item's index in the model's catalogue
     */
    public Builder add(String eventType, int item) {
      Objects.requireNonNull(eventType, "eventType");
      if (item < 0) {
        throw new IllegalArgumentException("item index must be >= 0, got " + item);
      }
      itemsByType.computeIfAbsent(eventType.toLowerCase(Locale.ROOT), k -> new BitSet()).set(item);
      return this;
    }

    public UserInteractions build() {
      Map<String, BitSet> copy = new HashMap<>();
      itemsByType.forEach((type, items) -> copy.put(type, (BitSet) items.clone()));
      return new UserInteractions(Map.copyOf(copy));
    }
  }
}
