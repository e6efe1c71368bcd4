package io.tastemaker.server.serving;

import io.tastemaker.core.rules.RankingWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request and configuration members of the business rules, read and refused with messages that name them. */
class BusinessRuleInputsTest {
  private static JsonNode json(String text) throws Exception {
    return Json.parse(text);
  }

  @Test
  void ranking_influence_reads_both_keys_and_defaults_to_none() throws Exception {
    assertThat(RankingWeightsInput.parse(json("{\"POPULARITY\": 0.25, \"FRESHNESS\": 1}"), "campaignConfig.rankingInfluence")).isEqualTo(new RankingWeights(0.25, 1));
    assertThat(RankingWeightsInput.parse(json("{}"), "x")).isEqualTo(RankingWeights.NONE);
    assertThat(RankingWeightsInput.parse(null, "x").none()).isTrue();
  }

  @Test
  void ranking_influence_errors_name_the_member_and_the_value() {
    assertThatThrownBy(() -> RankingWeightsInput.parse(json("{\"POPULARITY\": 1.5}"), "campaignConfig.rankingInfluence"))
        .isInstanceOf(ApiException.class).hasMessage("campaignConfig.rankingInfluence.POPULARITY must be a number from 0 to 1, got 1.5");
    assertThatThrownBy(() -> RankingWeightsInput.parse(json("{\"RECENCY\": 0.5}"), "batchInferenceJobConfig.rankingInfluence"))
        .hasMessage("batchInferenceJobConfig.rankingInfluence takes the keys POPULARITY and FRESHNESS, got RECENCY");
    assertThatThrownBy(() -> RankingWeightsInput.parse(json("{\"FRESHNESS\": \"0.5\"}"), "c")).hasMessageContaining("c.FRESHNESS").hasMessageContaining("\"0.5\"");
  }

  @Test
  void campaign_settings_read_a_stored_configuration() throws Exception {
    CampaignSettings s = CampaignSettings.of(json("{\"enableMetadataWithRecommendations\": true, \"rankingInfluence\": {\"FRESHNESS\": 0.5}}"));
    assertThat(s.metadata()).isTrue();
    assertThat(s.influence()).isEqualTo(new RankingWeights(0, 0.5));
    assertThat(CampaignSettings.of(null)).isEqualTo(CampaignSettings.NONE);
  }

  @Test
  void metadata_columns_are_the_items_columns_in_order_each_once() throws Exception {
    assertThat(MetadataColumns.requested(Optional.of(json("{\"ITEMS\": [\"GENRES\", \"PRICE\", \"GENRES\"]}")))).containsExactly("GENRES", "PRICE");
    assertThat(MetadataColumns.requested(Optional.of(json("{}")))).isEmpty();
    assertThat(MetadataColumns.requested(Optional.empty())).isEmpty();
  }

  @Test
  void metadata_columns_take_items_only_and_at_most_ten() {
    assertThatThrownBy(() -> MetadataColumns.requested(Optional.of(json("{\"USERS\": [\"AGE\"]}"))))
        .hasMessage("metadataColumns takes columns of the ITEMS dataset only, got the key USERS.");
    assertThatThrownBy(() -> MetadataColumns.requested(Optional.of(json("{\"ITEMS\": [\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\",\"H\",\"I\",\"J\",\"K\"]}"))))
        .hasMessage("metadataColumns.ITEMS names 11 columns; at most 10 may be asked for.");
  }

  @Test
  void latest_names_a_solution_and_anything_else_a_version() {
    assertThat(CampaignSync.latestOf("arn:aws:personalize:us-east-1:000000000000:solution/shop/$LATEST")).contains("arn:aws:personalize:us-east-1:000000000000:solution/shop");
    assertThat(CampaignSync.latestOf("arn:aws:personalize:us-east-1:000000000000:solution/shop/0a1b2c3d")).isEmpty();
  }
}
