package io.tastemaker.server.serving;

import io.tastemaker.core.rules.RankingWeights;
import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a campaign's {@code campaignConfig} (or a batch job's {@code
 * batchInferenceJobConfig}) that shape its answers.
 *
 * @param influence how much popularity and freshness move the model's order
 * @param metadata whether requests may ask for Items columns ({@code enableMetadataWithRecommendations})
 * @param exploration the {@code itemExplorationConfig}, when given; models that explore use their solution's defaults otherwise
 */
public record CampaignSettings(RankingWeights influence, boolean metadata, Optional<ExplorationSettings> exploration) {
  /** The defaults: the model's order, no metadata. */
  public static final CampaignSettings NONE = new CampaignSettings(RankingWeights.NONE, false);

  /** The spellings of the User-Personalization recipe page, which published code sends too. */
  private static final Map<String, String> ALIASES =
      Map.of("exploration_weight", "explorationWeight", "exploration_item_age_cut_off", "explorationItemAgeCutOff");

  public CampaignSettings {
    Objects.requireNonNull(influence, "influence");
    Objects.requireNonNull(exploration, "exploration");
  }

  /** Settings without an exploration configuration. */
  public CampaignSettings(RankingWeights influence, boolean metadata) {
    this(influence, metadata, Optional.empty());
  }

  /** The settings of a stored configuration, checked when it was accepted; absent members take their defaults. */
  public static CampaignSettings of(JsonNode config) {
    if (config == null || !config.isObject()) {
      return NONE;
    }
    return new CampaignSettings(
        RankingWeightsInput.parse(config.get("rankingInfluence"), "rankingInfluence"), config.path("enableMetadataWithRecommendations").asBoolean(false),
        exploration(config.get("itemExplorationConfig")));
  }

  /**
   * A stored {@code itemExplorationConfig} (checked when accepted): empty when absent or empty, and
   * a member left out takes Personalize's default.
   */
  public static Optional<ExplorationSettings> exploration(JsonNode map) {
    if (map == null || !map.isObject() || map.isEmpty()) {
      return Optional.empty();
    }
    double weight = ExplorationSettings.DEFAULT.weight();
    double cutOff = ExplorationSettings.DEFAULT.itemAgeCutOffDays();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String key = ALIASES.getOrDefault(e.getKey(), e.getKey());
      if (key.equals("explorationWeight")) {
        weight = Double.parseDouble(e.getValue().asText().strip());
      } else if (key.equals("explorationItemAgeCutOff")) {
        cutOff = Double.parseDouble(e.getValue().asText().strip());
      }
    }
    return Optional.of(new ExplorationSettings(weight, cutOff));
  }
}
