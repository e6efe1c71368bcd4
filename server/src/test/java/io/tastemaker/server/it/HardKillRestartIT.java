package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Tag;

/** Every resource survives SIGKILL, and work that was under way finishes after the restart. */
class HardKillRestartIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void resources_survive_a_hard_kill_and_pending_work_completes_after_restart() throws Exception {
    String group;
    String dataset;
    String solution;
    String filter;
    String tracker;
    String schema;
    List<String> burst = new ArrayList<>();
    try (ServerProcess first = ServerProcess.start(dir.resolve("data"));
        PersonalizeClient personalize = first.personalize()) {
      group = personalize.createDatasetGroup(r -> r.name("survivor").tags(Tag.builder().tagKey("k").tagValue("v").build())).datasetGroupArn();
      Await.finalStatus(() -> personalize.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), WAIT);
      schema = personalize.createSchema(r -> r.name("survivor-schema").schema(Schemas.INTERACTIONS)).schemaArn();
      dataset = personalize.createDataset(r -> r.name("survivor-ds").datasetGroupArn(group).datasetType("Interactions").schemaArn(schema)).datasetArn();
      solution = personalize.createSolution(r -> r.name("survivor-sol").datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-hrnn")).solutionArn();
      filter = personalize.createFilter(r -> r.name("survivor-filter").datasetGroupArn(group).filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"buy\")")).filterArn();
      tracker = personalize.createEventTracker(r -> r.name("survivor-tracker").datasetGroupArn(group)).eventTrackerArn();
      for (String arn : List.of(dataset, solution, filter, tracker)) {
        Await.condition(() -> statusOf(personalize, arn).equals("ACTIVE"), WAIT, arn + " is ACTIVE");
      }
      // A burst of creations whose lifecycle jobs may still be queued or running at the kill.
      for (int i = 0; i < 20; i++) {
        String name = "burst-" + i;
        burst.add(personalize.createDatasetGroup(r -> r.name(name)).datasetGroupArn());
      }
      first.killHard();
    }

    try (ServerProcess second = ServerProcess.start(dir.resolve("data"));
        PersonalizeClient personalize = second.personalize()) {
      assertThat(personalize.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status()).isEqualTo("ACTIVE");
      assertThat(personalize.listTagsForResource(r -> r.resourceArn(group)).tags()).containsExactly(Tag.builder().tagKey("k").tagValue("v").build());
      assertThat(personalize.describeSchema(r -> r.schemaArn(schema)).schema().schema()).isEqualTo(Schemas.INTERACTIONS);
      for (String arn : List.of(dataset, solution, filter, tracker)) {
        assertThat(statusOf(personalize, arn)).as(arn).isEqualTo("ACTIVE");
      }
      assertThat(personalize.describeSolution(r -> r.solutionArn(solution)).solution().recipeArn()).isEqualTo("arn:aws:personalize:::recipe/aws-hrnn");
      for (String arn : burst) {
        assertThat(Await.finalStatus(() -> personalize.describeDatasetGroup(r -> r.datasetGroupArn(arn)).datasetGroup().status(), WAIT))
            .as(arn)
            .isEqualTo("ACTIVE");
      }
    }
  }

  private static String statusOf(PersonalizeClient personalize, String arn) {
    if (arn.contains(":dataset/")) {
      return personalize.describeDataset(r -> r.datasetArn(arn)).dataset().status();
    }
    if (arn.contains(":solution/")) {
      return personalize.describeSolution(r -> r.solutionArn(arn)).solution().status();
    }
    if (arn.contains(":filter/")) {
      return personalize.describeFilter(r -> r.filterArn(arn)).filter().status();
    }
    return personalize.describeEventTracker(r -> r.eventTrackerArn(arn)).eventTracker().status();
  }
}
