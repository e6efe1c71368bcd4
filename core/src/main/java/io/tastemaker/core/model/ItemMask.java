package io.tastemaker.core.model;

/** Which items an answer may contain, by item index; filters compile to one of these. */
@FunctionalInterface
public interface ItemMask {
  ItemMask ALL = item -> true;

  boolean allows(int item);
}
