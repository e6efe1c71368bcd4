package io.tastemaker.core.sample;

/** The EVENT_TYPE values of the sample's interactions. */
enum EventType {
  VIEW("view"),
  CART("cart"),
  PURCHASE("purchase");

  private static final EventType[] VALUES = values();

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }

  static EventType ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
