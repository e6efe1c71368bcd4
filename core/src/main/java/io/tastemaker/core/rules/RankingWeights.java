package io.tastemaker.core.rules;

/**
 * A campaign's or batch job's {@code rankingInfluence}: how much item popularity and freshness
 * count besides the model's relevance, each from 0 (not at all, the default) to 1.
 *
 * @param popularity the weight of {@code POPULARITY}
 * @param freshness the weight of {@code FRESHNESS}
 */
public record RankingWeights(double popularity, double freshness) {
  /** No influence: the model's own order. */
  public static final RankingWeights NONE = new RankingWeights(0, 0);

  public static final String POPULARITY = "POPULARITY";
  public static final String FRESHNESS = "FRESHNESS";

  public RankingWeights {
    check(POPULARITY, popularity);
    check(FRESHNESS, freshness);
  }

  private static void check(String key, double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1], got " + weight);
    }
  }

  /** Whether neither factor counts. */
  public boolean none() {
    return popularity == 0 && freshness == 0;
  }
}
