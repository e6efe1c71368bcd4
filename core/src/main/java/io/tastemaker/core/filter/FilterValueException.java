package io.tastemaker.core.filter;

/**
 * A request whose inputs do not fit its filter: a malformed or missing {@code filterValues}
 * entry, or a CurrentItem filter without an item.
 */
public final class FilterValueException extends IllegalArgumentException {
  FilterValueException(String message) {
    super(message);
  }
}
