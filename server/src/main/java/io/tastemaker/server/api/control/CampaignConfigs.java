package io.tastemaker.server.api.control;

import io.tastemaker.server.serving.RankingWeightsInput;
import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;

/**
 * Checks a {@code campaignConfig} or {@code batchInferenceJobConfig} before it is stored: the
 * exploration numbers, {@code rankingInfluence} (POPULARITY and FRESHNESS, each from 0 to 1), and
 * that {@code enableMetadataWithRecommendations} has an Items dataset to read.
 */
final class CampaignConfigs {
  private CampaignConfigs() {}

  /** Checks the members that stand on their own; {@code where} names the config in messages. */
  static void check(Input config, String where) {
    ExplorationConfig.check(config, where);
    RankingWeightsInput.parse(config.raw("rankingInfluence").orElse(null), where + ".rankingInfluence");
  }

  /** Refuses metadata in recommendations for a group without an Items dataset, as Personalize does. */
  static void checkMetadata(ApiContext ctx, Transaction tx, JsonNode config, String datasetGroupArn) throws SQLException {
    if (config == null || !config.path("enableMetadataWithRecommendations").asBoolean(false)) {
      return;
    }
    String items = ctx.arns().dataset(Arns.resourceName(datasetGroupArn), "ITEMS");
    if (ctx.resources().find(tx, items).isEmpty()) {
      throw ApiException.invalidInput(
          "campaignConfig.enableMetadataWithRecommendations needs an Items dataset with the columns to return; the dataset group " + datasetGroupArn
              + " has none.");
    }
  }
}
