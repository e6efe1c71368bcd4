package io.tastemaker.core.sample;

/** The EVENT_TYPE values of the sample's interactions, in the custom and the ECOMMERCE spelling. */
enum EventType {
  VIEW("view", "View"),
  CART("cart", "Cart"),
  PURCHASE("purchase", "Purchase");

  private static final EventType[] VALUES = values();

  private final String wireName;
  private final String ecommerceName;

  EventType(String wireName, String ecommerceName) {
    this.wireName = wireName;
    this.ecommerceName = ecommerceName;
  }

  String wireName() {
    return wireName;
  }

  /** As the ECOMMERCE domain's guide spells its required event types ({@code View}, {@code Purchase}). */
  String ecommerceName() {
    return ecommerceName;
  }

  static EventType ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
