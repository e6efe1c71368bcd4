package io.tastemaker.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.rules.RankingWeights;
import io.tastemaker.server.wire.ApiException;
import java.util.Map;

/** Reads a campaign's or batch job's {@code rankingInfluence} map as the API takes it. */
public final class RankingWeightsInput {
  private RankingWeightsInput() {}

  /**
   * Reads a {@code rankingInfluence} map, naming it {@code where} in errors (such as {@code
   * campaignConfig.rankingInfluence}); absent or null is {@link RankingWeights#NONE}.
   *
   * @throws ApiException InvalidInputException naming the key and the value when a key is not
   *     POPULARITY or FRESHNESS or a weight is not a number from 0 to 1
   */
  public static RankingWeights parse(JsonNode map, String where) {
    if (map == null || map.isNull()) {
      return RankingWeights.NONE;
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
        case RankingWeights.POPULARITY -> popularity = value.asDouble();
        case RankingWeights.FRESHNESS -> freshness = value.asDouble();
        default -> throw ApiException.invalidInput(where + " takes the keys POPULARITY and FRESHNESS, got " + e.getKey());
      }
    }
    return new RankingWeights(popularity, freshness);
  }
}
