package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Campaign;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.RankingInfluenceType;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;

/**
 * {@code syncWithLatestSolutionVersion} through the AWS SDK for Java v2: a campaign created on
 * {@code SolutionArn/$LATEST} serves the newest ACTIVE version and deploys each new one by itself,
 * also after a restart, as a campaign's ranking influence survives it; a campaign on a named version
 * stays there; the documented conditions are
 * refused with messages that name the member.
 */
class CampaignSyncIT {
  @TempDir static Path dir;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String group;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(dir.resolve("data"));
    personalize = server.personalize();
    Path fixture = Files.createDirectories(server.localData().resolve("fixture"));
    group = Workflow.activeGroup(personalize, "sync");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(fixture.resolve("interactions.csv")));
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
    server = RunningServer.start(dir.resolve("data"));
    personalize = server.personalize();
  }

  private static String solution() {
    String solution = personalize.createSolution(r -> r.name(Workflow.unique("pop")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-popularity-count"))
        .solutionArn();
    Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(solution)).solution().status(), Workflow.WAIT);
    return solution;
  }

  private static String newVersion(String solution) {
    String version = personalize.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), Workflow.TRAINING);
    SolutionVersion trained = personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
    assertThat(trained.status()).as("%s", trained.failureReason()).isEqualTo("ACTIVE");
    return version;
  }

  private static Campaign describe(String campaign) {
    return personalize.describeCampaign(r -> r.campaignArn(campaign)).campaign();
  }

  private static List<String> answer(String campaign) {
    return server.runtime().getRecommendations(r -> r.campaignArn(campaign).userId("user-001").numResults(10)).itemList().stream().map(i -> i.itemId()).toList();
  }

  private static void awaitServing(String campaign, String version) {
    Await.condition(() -> {
      Campaign c = describe(campaign);
      return c.solutionVersionArn().equals(version) && c.latestCampaignUpdate() != null && "ACTIVE".equals(c.latestCampaignUpdate().status());
    }, Workflow.WAIT, campaign + " serves " + version);
  }

  @Test
  void a_campaign_on_latest_follows_each_new_full_version_also_after_a_restart() throws Exception {
    String solution = solution();
    String v1 = newVersion(solution);
    String campaign = personalize.createCampaign(r -> r.name(Workflow.unique("follow")).solutionVersionArn(solution + "/$LATEST")
        .campaignConfig(c -> c.syncWithLatestSolutionVersion(true))).campaignArn();
    String pinned = personalize.createCampaign(r -> r.name(Workflow.unique("pinned")).solutionVersionArn(v1)).campaignArn();
    String fresh = personalize.createCampaign(r -> r.name(Workflow.unique("fresh")).solutionVersionArn(v1)
        .campaignConfig(c -> c.rankingInfluence(Map.of(RankingInfluenceType.FRESHNESS, 1.0)))).campaignArn();
    for (String c : List.of(campaign, pinned, fresh)) {
      assertThat(Await.finalStatus(() -> describe(c).status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    }
    assertThat(describe(campaign).solutionVersionArn()).isEqualTo(v1);
    assertThat(describe(campaign).campaignConfig().syncWithLatestSolutionVersion()).isTrue();

    String v2 = newVersion(solution);
    awaitServing(campaign, v2);
    assertThat(describe(campaign).latestCampaignUpdate().campaignConfig().syncWithLatestSolutionVersion()).isTrue();

    // Items without a creation time are as fresh as their first interaction: the influenced answer differs.
    List<String> influenced = answer(fresh);
    assertThat(influenced).isNotEqualTo(answer(pinned));

    restart();
    assertThat(answer(fresh)).as("the ranking influence after a restart").isEqualTo(influenced);
    assertThat(describe(campaign).solutionVersionArn()).isEqualTo(v2);
    assertThat(describe(campaign).campaignConfig().syncWithLatestSolutionVersion()).isTrue();
    String v3 = newVersion(solution);
    awaitServing(campaign, v3);
    assertThat(server.runtime().getRecommendations(r -> r.campaignArn(campaign).userId("user-001").numResults(3)).itemList()).hasSize(3);
    // The campaign deployed on a named version stays on it.
    assertThat(describe(pinned).solutionVersionArn()).isEqualTo(v1);
  }

  @Test
  void update_campaign_can_start_and_stop_following() {
    String solution = solution();
    String v1 = newVersion(solution);
    String campaign = personalize.createCampaign(r -> r.name(Workflow.unique("later")).solutionVersionArn(v1)).campaignArn();
    Await.finalStatus(() -> describe(campaign).status(), Workflow.WAIT);
    String v2 = newVersion(solution);
    assertThat(describe(campaign).solutionVersionArn()).isEqualTo(v1);

    personalize.updateCampaign(r -> r.campaignArn(campaign).solutionVersionArn(solution + "/$LATEST").campaignConfig(c -> c.syncWithLatestSolutionVersion(true)));
    awaitServing(campaign, v2);
    String v3 = newVersion(solution);
    awaitServing(campaign, v3);

    personalize.updateCampaign(r -> r.campaignArn(campaign).solutionVersionArn(v2).campaignConfig(c -> c.syncWithLatestSolutionVersion(false)));
    awaitServing(campaign, v2);
    newVersion(solution);
    assertThat(describe(campaign).solutionVersionArn()).isEqualTo(v2);
  }

  @Test
  void the_documented_conditions_are_refused_naming_the_member() {
    String solution = solution();
    assertThatThrownBy(() -> personalize.createCampaign(r -> r.name(Workflow.unique("none")).solutionVersionArn(solution + "/$LATEST")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(solution).hasMessageContaining("no ACTIVE solution version");
    String v1 = newVersion(solution);
    assertThatThrownBy(() -> personalize.createCampaign(r -> r.name(Workflow.unique("named")).solutionVersionArn(v1).campaignConfig(c -> c.syncWithLatestSolutionVersion(true))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("syncWithLatestSolutionVersion").hasMessageContaining("$LATEST").hasMessageContaining(v1);
    // The group has no Items dataset to take metadata from.
    assertThatThrownBy(() -> personalize.createCampaign(r -> r.name(Workflow.unique("meta")).solutionVersionArn(v1).campaignConfig(c -> c.enableMetadataWithRecommendations(true))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("enableMetadataWithRecommendations").hasMessageContaining("Items dataset");
    // $LATEST without the flag deploys the newest version once.
    String once = personalize.createCampaign(r -> r.name(Workflow.unique("once")).solutionVersionArn(solution + "/$LATEST")).campaignArn();
    Await.finalStatus(() -> describe(once).status(), Workflow.WAIT);
    assertThat(describe(once).solutionVersionArn()).isEqualTo(v1);
  }
}
