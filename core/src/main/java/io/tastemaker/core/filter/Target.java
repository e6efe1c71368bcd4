package io.tastemaker.core.filter;

/** What a filter selects: items (recommendations, rankings) or users (user segments). */
public enum Target {
  ITEM_ID("ItemID"),
  USER_ID("UserID");

  private final String keyword;

  Target(String keyword) {
    this.keyword = keyword;
  }

  /** The spelling in an expression: {@code ItemID} or {@code UserID}. */
  public String keyword() {
    return keyword;
  }
}
