package io.tastemaker.core.domain;

/** What a use case asks of one GetRecommendations member ({@code userId} or {@code itemId}). */
public enum Requirement {
  /** The request must give it. */
  REQUIRED,
  /** Needed only by a filter that tests {@code CurrentUser} or the user's interactions. */
  FOR_FILTERS,
  /** The use case ignores it. */
  NOT_USED
}
