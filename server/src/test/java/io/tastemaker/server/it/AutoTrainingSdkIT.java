package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.MovableClock;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.CreateSolutionRequest;
import software.amazon.awssdk.services.personalize.model.EventParameters;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalize.model.Solution;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalize.model.SolutionVersionSummary;
import software.amazon.awssdk.services.personalize.model.TrainingType;

/**
 * {@code performAutoTraining} and UpdateSolution through the AWS SDK for Java v2, on a server whose
 * clock the test moves days ahead: the first automatic training an hour after the solution is ACTIVE
 * (skipped after a manual version in that hour), then one per {@code schedulingExpression} period
 * when interactions were imported since, each version with {@code trainingType} AUTOMATIC; the
 * schedule survives a restart; UpdateSolution turns it on and off, shown in {@code
 * latestSolutionUpdate}; bad schedules are refused naming the member and the value.
 */
class AutoTrainingSdkIT {
  /** Longer than a few checks of the schedules (every 2 s): long enough for a training that should not come. */
  private static final Duration QUIET = Duration.ofSeconds(7);
  private static final String POPULARITY = "arn:aws:personalize:::recipe/aws-popularity-count";

  @TempDir static Path dir;
  private static final MovableClock CLOCK = new MovableClock();
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String group;
  private static String interactions;
  private static Path csv;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(RunningServer.config(dir.resolve("data")), CLOCK);
    personalize = server.personalize();
    Path fixture = Files.createDirectories(server.localData().resolve("fixture"));
    csv = GenreShop.generate().writeInteractions(fixture.resolve("interactions.csv"));
    group = Workflow.activeGroup(personalize, "auto");
    interactions = Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, csv);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      personalize.close();
      server.close();
    }
  }

  private static void restart() throws Exception {
    personalize.close();
    server.close();
    server = RunningServer.start(RunningServer.config(dir.resolve("data")), CLOCK);
    personalize = server.personalize();
  }

  private static String solution(Consumer<CreateSolutionRequest.Builder> more) {
    String solution = personalize.createSolution(r -> {
      r.name(Workflow.unique("auto")).datasetGroupArn(group).recipeArn(POPULARITY);
      more.accept(r);
    }).solutionArn();
    Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(solution)).solution().status(), Workflow.WAIT);
    return solution;
  }

  private static List<SolutionVersionSummary> versions(String solution) {
    return personalize.listSolutionVersions(r -> r.solutionArn(solution)).solutionVersions();
  }

  /** Waits for the solution's {@code count}-th version and for it to finish; returns it. */
  private static SolutionVersion awaitVersion(String solution, int count) {
    Await.condition(() -> versions(solution).size() >= count, Workflow.WAIT, count + " versions of " + solution);
    assertThat(versions(solution)).hasSize(count);
    String arn = versions(solution).stream().max(java.util.Comparator.comparing(SolutionVersionSummary::creationDateTime)).orElseThrow().solutionVersionArn();
    Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(arn)).solutionVersion().status(), Workflow.TRAINING);
    return personalize.describeSolutionVersion(r -> r.solutionVersionArn(arn)).solutionVersion();
  }

  private static void quietly(String solution, int count) throws InterruptedException {
    Thread.sleep(QUIET.toMillis());
    assertThat(versions(solution)).as("versions of %s", solution).hasSize(count);
  }

  @Test
  void a_solution_trains_itself_on_its_schedule_only_after_new_data_and_the_schedule_survives_a_restart() throws Exception {
    String solution = solution(r -> r.performAutoTraining(true).solutionConfig(c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(2 days)"))));
    Solution described = personalize.describeSolution(r -> r.solutionArn(solution)).solution();
    assertThat(described.performAutoTraining()).isTrue();
    assertThat(described.solutionConfig().autoTrainingConfig().schedulingExpression()).isEqualTo("rate(2 days)");
    quietly(solution, 0);

    CLOCK.advance(Duration.ofMinutes(61));
    SolutionVersion first = awaitVersion(solution, 1);
    assertThat(first.trainingType()).isEqualTo(TrainingType.AUTOMATIC);
    assertThat(first.status()).as("%s", first.failureReason()).isEqualTo("ACTIVE");
    assertThat(personalize.listSolutionVersions(r -> r.solutionArn(solution)).solutionVersions().get(0).trainingType()).isEqualTo(TrainingType.AUTOMATIC);

    // Two days on without new interactions: nothing to learn, no training.
    CLOCK.advance(Duration.ofDays(2));
    quietly(solution, 1);

    restart();
    Solution again = personalize.describeSolution(r -> r.solutionArn(solution)).solution();
    assertThat(again.performAutoTraining()).isTrue();
    assertThat(again.solutionConfig().autoTrainingConfig().schedulingExpression()).isEqualTo("rate(2 days)");
    Workflow.importCsv(personalize, interactions, csv);
    CLOCK.advance(Duration.ofDays(2));
    SolutionVersion second = awaitVersion(solution, 2);
    assertThat(versions(solution)).allMatch(v -> v.trainingType() == TrainingType.AUTOMATIC);
    assertThat(second.status()).isEqualTo("ACTIVE");
  }

  @Test
  void a_manual_version_in_the_first_hour_skips_the_first_automatic_training_which_is_on_by_default() throws Exception {
    String solution = solution(r -> {});
    assertThat(personalize.describeSolution(r -> r.solutionArn(solution)).solution().performAutoTraining()).isTrue();
    SolutionVersion manual = Workflow.trainedVersion(personalize, solution);
    assertThat(manual.trainingType()).isEqualTo(TrainingType.MANUAL);
    CLOCK.advance(Duration.ofMinutes(61));
    quietly(solution, 1);
    Workflow.importCsv(personalize, interactions, csv);
    CLOCK.advance(Duration.ofDays(7));
    Await.condition(() -> versions(solution).size() == 2, Workflow.WAIT, "the automatic version after a week");
    assertThat(versions(solution)).extracting(SolutionVersionSummary::trainingType).containsExactlyInAnyOrder(TrainingType.MANUAL, TrainingType.AUTOMATIC);
  }

  @Test
  void update_solution_turns_automatic_training_on_and_off_and_shows_the_latest_update() throws Exception {
    String solution = solution(r -> r.performAutoTraining(false));
    assertThat(personalize.describeSolution(r -> r.solutionArn(solution)).solution().performAutoTraining()).isFalse();
    CLOCK.advance(Duration.ofDays(8));
    quietly(solution, 0);

    personalize.updateSolution(r -> r.solutionArn(solution).performAutoTraining(true)
        .solutionUpdateConfig(c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(1 day)"))
            .eventsConfig(e -> e.eventParametersList(EventParameters.builder().eventType("watch").weight(1.0).build()))));
    Solution updated = personalize.describeSolution(r -> r.solutionArn(solution)).solution();
    assertThat(updated.performAutoTraining()).isTrue();
    assertThat(updated.latestSolutionUpdate().status()).isEqualTo("ACTIVE");
    assertThat(updated.latestSolutionUpdate().performAutoTraining()).isTrue();
    assertThat(updated.latestSolutionUpdate().solutionUpdateConfig().autoTrainingConfig().schedulingExpression()).isEqualTo("rate(1 day)");
    assertThat(updated.solutionConfig().autoTrainingConfig().schedulingExpression()).isEqualTo("rate(1 day)");
    assertThat(updated.solutionConfig().eventsConfig().eventParametersList().get(0).eventType()).isEqualTo("watch");
    assertThat(updated.latestSolutionUpdate().creationDateTime()).isNotNull();

    CLOCK.advance(Duration.ofMinutes(61));
    assertThat(awaitVersion(solution, 1).trainingType()).isEqualTo(TrainingType.AUTOMATIC);

    personalize.updateSolution(r -> r.solutionArn(solution).performAutoTraining(false));
    assertThat(personalize.describeSolution(r -> r.solutionArn(solution)).solution().latestSolutionUpdate().performAutoTraining()).isFalse();
    Workflow.importCsv(personalize, interactions, csv);
    CLOCK.advance(Duration.ofDays(3));
    quietly(solution, 1);
  }

  @Test
  void bad_schedules_and_updates_are_refused_naming_the_member_and_the_value() {
    assertThatThrownBy(() -> personalize.createSolution(r -> r.name(Workflow.unique("bad")).datasetGroupArn(group).recipeArn(POPULARITY)
            .solutionConfig(c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(0 days)")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("solutionConfig.autoTrainingConfig.schedulingExpression must be a rate of 1 to 30 days, got rate(0 days)");
    String solution = solution(r -> r.performAutoTraining(false));
    assertThatThrownBy(() -> personalize.updateSolution(r -> r.solutionArn(solution)
            .solutionUpdateConfig(c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(31 days)")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("solutionUpdateConfig.autoTrainingConfig.schedulingExpression must be a rate of 1 to 30 days, got rate(31 days)");
    assertThatThrownBy(() -> personalize.updateSolution(r -> r.solutionArn(solution)
            .solutionUpdateConfig(c -> c.eventsConfig(e -> e.eventParametersList(EventParameters.builder().eventType("watch").weight(0.0).build())))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("every event type weight 0");
    assertThatThrownBy(() -> personalize.updateSolution(r -> r.solutionArn(solution).performIncrementalUpdate(true)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("performIncrementalUpdate");
    assertThatThrownBy(() -> personalize.updateSolution(r -> r.solutionArn(solution + "-missing").performAutoTraining(true)))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
