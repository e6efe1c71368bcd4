package io.tastemaker.server.serving;

/**
 * The strings of {@code PredictedItem.reason}, as Personalize's "Recommendation reasons" page
 * defines them: why an item is in an answer besides its relevance.
 */
public final class Reasons {
  /** The item fills a promotion's share of the answer. */
  public static final String PROMOTED_ITEM = "Promoted item";
  /** The item was chosen to explore (items with little interaction data or relevance). */
  public static final String EXPLORATION = "Exploration";
  /** A popular placeholder that fills numResults where the model's own candidates ran out, without a relevance score. */
  public static final String POPULAR_ITEM = "Popular item";

  private Reasons() {}
}
