package io.tastemaker.server.serving;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a campaign's {@code campaignConfig} (or a batch job's {@code
 * batchInferenceJobConfig}) that shape its answers.
 *
 * @param influence how much popularity and freshness move the model's order
 * @param metadata whether requests may ask for Items columns ({@code enableMetadataWithRecommendations})
 */
public record CampaignSettings(RankingWeights influence, boolean metadata) {
  /** The defaults: the model's order, no metadata. */
  public static final CampaignSettings NONE = new CampaignSettings(RankingWeights.NONE, false);

  /** The settings of a stored configuration, checked when it was accepted; absent members take their defaults. */
  public static CampaignSettings of(JsonNode config) {
    if (config == null || !config.isObject()) {
      return NONE;
    }
    return new CampaignSettings(
        RankingWeights.parse(config.get("rankingInfluence"), "rankingInfluence"), config.path("enableMetadataWithRecommendations").asBoolean(false));
  }
}
