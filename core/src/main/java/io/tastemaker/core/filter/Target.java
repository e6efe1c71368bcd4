package io.tastemaker.core.filter;

/** What a filter selects: items (recommendations, rankings), users (user segments) or actions (action recommendations). */
public enum Target {
  ITEM_ID("ItemID"),
  USER_ID("UserID"),
  ACTION_ID("ActionID");

  private final String keyword;

  Target(String keyword) {
    this.keyword = keyword;
  }

  /** The spelling in an expression: {@code ItemID}, {@code UserID} or {@code ActionID}. */
  public String keyword() {
    return keyword;
  }
}
