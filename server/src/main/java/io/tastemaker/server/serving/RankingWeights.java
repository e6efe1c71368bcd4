package io.tastemaker.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.wire.ApiException;
import java.util.Map;

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

  /**
   * Reads a {@code rankingInfluence} map, naming it {@code where} in errors (such as {@code
   * campaignConfig.rankingInfluence}); absent or null is {@link #NONE}.
   *
   * @throws ApiException InvalidInputException naming the key and the value when a key is not
   *     POPULARITY or FRESHNESS or a weight is not a number from 0 to 1
   */
  public static RankingWeights parse(JsonNode map, String where) {
    if (map == null || map.isNull()) {
      return NONE;
    }
    if (!map.isObject()) {
      throw ApiException.invalidInput(where + " must be a map of POPULARITY and FRESHNESS to weights from 0 to 1, got " + map);
    }
    double popularity = 0;
    double freshness = 0;
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      JsonNode value = e.getValue();
      if (!value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 1)) {
        throw ApiException.invalidInput(where + "." + e.getKey() + " must be a number from 0 to 1, got " + value);
      }
      switch (e.getKey()) {
        case POPULARITY -> popularity = value.asDouble();
        case FRESHNESS -> freshness = value.asDouble();
        default -> throw ApiException.invalidInput(where + " takes the keys POPULARITY and FRESHNESS, got " + e.getKey());
      }
    }
    return new RankingWeights(popularity, freshness);
  }
}
