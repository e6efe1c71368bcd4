package io.tastemaker.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import org.junit.jupiter.api.Test;

class CampaignSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CampaignSettings of(String config) throws Exception {
    return CampaignSettings.of(JSON.readTree(config));
  }

  @Test
  void an_exploration_configuration_is_read_in_either_spelling_with_defaults_for_what_it_leaves_out() throws Exception {
    assertThat(of("{\"itemExplorationConfig\": {\"explorationWeight\": \"0.5\", \"explorationItemAgeCutOff\": \"7\"}}").exploration())
        .contains(new ExplorationSettings(0.5, 7));
    assertThat(of("{\"itemExplorationConfig\": {\"exploration_weight\": \"0\"}}").exploration()).contains(new ExplorationSettings(0, 30));
    assertThat(of("{\"itemExplorationConfig\": {\"explorationItemAgeCutOff\": \"2.5\"}}").exploration()).contains(new ExplorationSettings(0.3, 2.5));
  }

  @Test
  void without_an_exploration_configuration_the_solutions_defaults_hold() throws Exception {
    assertThat(of("{}").exploration()).isEmpty();
    assertThat(of("{\"itemExplorationConfig\": {}}").exploration()).isEmpty();
    assertThat(CampaignSettings.NONE.exploration()).isEmpty();
  }
}
