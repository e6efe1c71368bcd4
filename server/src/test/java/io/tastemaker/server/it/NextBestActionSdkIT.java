package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.sample.PlantedActions;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Dataset;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;

/**
 * Next-Best-Action through the AWS SDK for Java v2 on {@link PlantedActions}' data: the Actions and
 * Action_Interactions dataset types with their schema rules and CSV imports.
 */
class NextBestActionSdkIT {
  @TempDir static Path dir;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PlantedActions planted;
  private static String group;
  private static String actions;
  private static String actionInteractions;

  @BeforeAll
  static void importData() throws Exception {
    server = RunningServer.start(dir.resolve("data"));
    personalize = server.personalize();
    Path fixture = Files.createDirectories(dir.resolve("fixture"));
    planted = new PlantedActions(400, 4, 0.2, java.time.Instant.now().getEpochSecond(), 7);
    group = Workflow.activeGroup(personalize, "nba");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, planted.writeInteractions(fixture.resolve("interactions.csv")));
    actions = Workflow.importInto(personalize, group, "Actions", Schemas.ACTIONS, planted.writeActions(fixture.resolve("actions.csv")));
    actionInteractions =
        Workflow.importInto(personalize, group, "Action_Interactions", Schemas.ACTION_INTERACTIONS, planted.writeActionInteractions(fixture.resolve("action-interactions.csv")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      personalize.close();
      server.close();
    }
  }

  @Test
  void actions_and_action_interactions_datasets_import_and_the_latter_has_its_own_tracking_id() {
    assertThat(actions).endsWith("/ACTIONS");
    assertThat(actionInteractions).endsWith("/ACTION_INTERACTIONS");
    Dataset described = personalize.describeDataset(r -> r.datasetArn(actionInteractions)).dataset();
    assertThat(described.datasetType()).isEqualTo("Action_Interactions");
    assertThat(described.trackingId()).isNotBlank();
    assertThat(personalize.describeDataset(r -> r.datasetArn(actions)).dataset().trackingId()).isNull();
    assertThat(personalize.listDatasets(r -> r.datasetGroupArn(group)).datasets()).extracting(s -> s.datasetType())
        .contains("Actions", "Action_Interactions");
  }

  @Test
  void schemas_that_miss_what_the_guide_requires_are_refused_naming_the_field() {
    String other = Workflow.activeGroup(personalize, "nba-bad");
    String interactionsSchema = personalize.createSchema(r -> r.name(Workflow.unique("s")).schema(Schemas.INTERACTIONS)).schemaArn();
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name("a").datasetGroupArn(other).datasetType("Actions").schemaArn(interactionsSchema)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Actions schema requires field ACTION_ID");
    assertThatThrownBy(() -> personalize.createDataset(r -> r.name("ai").datasetGroupArn(other).datasetType("Action_Interactions").schemaArn(interactionsSchema)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Action_Interactions schema requires field ACTION_ID");
  }
}
