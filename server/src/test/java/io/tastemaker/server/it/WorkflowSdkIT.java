package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Fixtures;
import io.tastemaker.server.testing.RunningServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsResponse;
import software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.personalizeruntime.model.ResourceNotFoundException;

/**
 * The whole workflow with the AWS SDK for Java v2: schema, group, dataset, CSV import, popularity
 * training with metrics checked against a hand-computed example, a campaign, recommendations, a
 * broken CSV that changes nothing, and a restart that keeps serving.
 */
class WorkflowSdkIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** A dataset group with an empty, ACTIVE Interactions dataset. */
  private record ShopDataset(String group, String dataset) {}

  private static ShopDataset interactionsDataset(PersonalizeClient p) {
    String group = p.createDatasetGroup(r -> r.name(unique("shop"))).datasetGroupArn();
    Await.finalStatus(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), WAIT);
    String schema = p.createSchema(r -> r.name(unique("schema")).schema(Fixtures.INTERACTIONS_SCHEMA)).schemaArn();
    String dataset = p.createDataset(r -> r.name(unique("ds")).datasetGroupArn(group).datasetType("Interactions").schemaArn(schema)).datasetArn();
    Await.finalStatus(() -> p.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), WAIT);
    return new ShopDataset(group, dataset);
  }

  private static String importCsv(PersonalizeClient p, String dataset, Path file, String mode) {
    String job =
        p.createDatasetImportJob(r -> r.jobName(unique("import")).datasetArn(dataset).importMode(mode).dataSource(s -> s.dataLocation(file.toUri().toString())))
            .datasetImportJobArn();
    Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), WAIT);
    return job;
  }

  private static String trainedVersion(PersonalizeClient p, String solution) {
    String version = p.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), WAIT);
    return version;
  }

  private static String activeCampaign(PersonalizeClient p, String version) {
    String campaign = p.createCampaign(r -> r.name(unique("camp")).solutionVersionArn(version)).campaignArn();
    Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(campaign)).campaign().status(), WAIT);
    return campaign;
  }

  /** An interactions CSV in which {@code users} new users each have these events on item "hot". */
  private static Path hotItemFans(Path file, int users, String... eventTypes) throws IOException {
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n");
    for (int u = 0; u < users; u++) {
      for (int e = 0; e < eventTypes.length; e++) {
        csv.append("fan").append(u).append(",hot,").append(eventTypes[e]).append(',').append(1700000100 + e).append('\n');
      }
    }
    return Files.writeString(file, csv);
  }

  private static String activeSolution(PersonalizeClient p, String group, String recipe, String eventType) {
    String solution =
        p.createSolution(r -> r.name(unique("sol")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/" + recipe).eventType(eventType))
            .solutionArn();
    Await.finalStatus(() -> p.describeSolution(r -> r.solutionArn(solution)).solution().status(), WAIT);
    return solution;
  }

  @Test
  void from_a_csv_to_recommendations_with_metrics_that_match_the_hand_computed_example() throws Exception {
    Path dataDir = dir.resolve("data");
    Path csv = Fixtures.uniformShop(Files.createDirectories(dir.resolve("csv")));
    String campaign;
    List<String> before;
    try (RunningServer server = RunningServer.start(dataDir);
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      ShopDataset shop = interactionsDataset(p);
      String group = shop.group();
      String dataset = shop.dataset();

      String importJob = importCsv(p, dataset, csv, "FULL");
      DatasetImportJob imported = p.describeDatasetImportJob(r -> r.datasetImportJobArn(importJob)).datasetImportJob();
      assertThat(imported.status()).as(imported.failureReason()).isEqualTo("ACTIVE");
      assertThat(imported.dataSource().dataLocation()).isEqualTo(csv.toUri().toString());

      String solution = activeSolution(p, group, "aws-popularity-count", null);
      String version = trainedVersion(p, solution);
      SolutionVersion trained = p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
      assertThat(trained.status()).as(trained.failureReason()).isEqualTo("ACTIVE");
      assertThat(trained.trainingHours()).isPositive();

      // Every held-out user's truth is z, at rank 10 of the popularity list a01..a09, z.
      Map<String, Double> metrics = p.getSolutionMetrics(r -> r.solutionVersionArn(version)).metrics();
      double ndcgAt10 = (1 / log2(1 + 10)) / (1 / log2(1 + 1));
      assertThat(metrics).containsEntry("precision_at_5", 0.0).containsEntry("precision_at_10", 1.0 / 10).containsEntry("precision_at_25", 1.0 / 25);
      assertThat(metrics).containsEntry("mean_reciprocal_rank_at_25", 1.0 / 10).containsEntry("normalized_discounted_cumulative_gain_at_5", 0.0);
      assertThat(metrics.get("normalized_discounted_cumulative_gain_at_10")).isCloseTo(ndcgAt10, within(0.00005));
      assertThat(metrics.get("normalized_discounted_cumulative_gain_at_25")).isCloseTo(ndcgAt10, within(0.00005));
      assertThat(metrics).containsEntry("coverage", 10.0 / 10).hasSize(8);

      campaign = p.createCampaign(r -> r.name(unique("camp")).solutionVersionArn(version)).campaignArn();
      String campaignArn = campaign;
      assertThat(Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(campaignArn)).campaign().status(), WAIT)).isEqualTo("ACTIVE");
      assertThat(p.listCampaigns(r -> r.solutionArn(solution)).campaigns()).extracting(c -> c.campaignArn()).containsExactly(campaignArn);

      GetRecommendationsResponse answer = runtime.getRecommendations(r -> r.campaignArn(campaignArn).userId("u007"));
      before = answer.itemList().stream().map(PredictedItem::itemId).toList();
      assertThat(before).containsExactly("a01", "a02", "a03", "a04", "a05", "a06", "a07", "a08", "a09", "z");
      assertThat(answer.itemList()).allSatisfy(item -> assertThat(item.score()).isNull());
      assertThat(answer.recommendationId()).startsWith("RID-");
      assertThat(runtime.getRecommendations(r -> r.campaignArn(campaignArn).userId("a-stranger").numResults(3)).itemList())
          .extracting(PredictedItem::itemId)
          .containsExactly("a01", "a02", "a03");

      // A broken FULL import fails with the place of the error and leaves the data as it was.
      Path broken = dir.resolve("csv").resolve("broken.csv");
      Files.writeString(broken, "USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\nu1,b1,view,1,1700000001\nu1," + "b".repeat(300) + ",view,1,1700000002\n");
      String failedJob = importCsv(p, dataset, broken, "FULL");
      DatasetImportJob failed = p.describeDatasetImportJob(r -> r.datasetImportJobArn(failedJob)).datasetImportJob();
      assertThat(failed.status()).isEqualTo("CREATE FAILED");
      assertThat(failed.failureReason()).isEqualTo(broken + " line 3, column ITEM_ID: the value is 300 characters long; at most 256 are allowed");
      String retrained = trainedVersion(p, solution);
      assertThat(p.getSolutionMetrics(r -> r.solutionVersionArn(retrained)).metrics()).isEqualTo(metrics);
    }

    try (RunningServer restarted = RunningServer.start(dataDir);
        PersonalizeRuntimeClient runtime = restarted.runtime()) {
      String campaignArn = campaign;
      assertThat(runtime.getRecommendations(r -> r.campaignArn(campaignArn).userId("u007")).itemList())
          .extracting(PredictedItem::itemId)
          .isEqualTo(before);
    }
  }

  @Test
  void the_solution_event_type_is_honoured_and_too_little_data_fails_with_the_documented_reason() throws Exception {
    Path csv = Fixtures.uniformShop(dir);
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize()) {
      ShopDataset shop = interactionsDataset(p);
      String group = shop.group();
      String dataset = shop.dataset();
      importCsv(p, dataset, csv, "FULL");

      String buys = activeSolution(p, group, "aws-popularity-count", "buy");
      String version = trainedVersion(p, buys);
      SolutionVersion failed = p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
      assertThat(failed.status()).isEqualTo("CREATE FAILED");
      assertThat(failed.failureReason()).isEqualTo("Create failed. Dataset has 100 interactions after the solution's event filters; at least 1000 are needed.");
    }
  }

  @Test
  void incremental_imports_add_to_the_data_and_need_a_full_import_first() throws Exception {
    Path csv = Fixtures.uniformShop(dir);
    Path extra = hotItemFans(dir.resolve("extra.csv"), 60, "view", "buy");
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      ShopDataset shop = interactionsDataset(p);
      String group = shop.group();
      String dataset = shop.dataset();
      assertThatThrownBy(
              () -> p.createDatasetImportJob(r -> r.jobName(unique("inc")).datasetArn(dataset).importMode("INCREMENTAL").dataSource(s -> s.dataLocation(extra.toString()))))
          .isInstanceOf(software.amazon.awssdk.services.personalize.model.InvalidInputException.class)
          .hasMessageContaining("FULL import");
      importCsv(p, dataset, csv, "FULL");
      String added = importCsv(p, dataset, extra, "INCREMENTAL");
      assertThat(p.describeDatasetImportJob(r -> r.datasetImportJobArn(added)).datasetImportJob().status()).isEqualTo("ACTIVE");

      String solution = activeSolution(p, group, "aws-popularity-count", null);
      String version = trainedVersion(p, solution);
      String campaign = activeCampaign(p, version);
      // 60 new users all had "hot": fewer than the 100 users of a01..z, so it ranks last of eleven.
      List<String> items = runtime.getRecommendations(r -> r.campaignArn(campaign).userId("u001")).itemList().stream().map(PredictedItem::itemId).toList();
      assertThat(items).hasSize(11).endsWith("hot");
    }
  }

  @Test
  void an_updated_campaign_answers_from_its_new_version_at_once() throws Exception {
    Path csv = Fixtures.uniformShop(dir);
    Path extra = hotItemFans(dir.resolve("hot.csv"), 300, "buy");
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      ShopDataset shop = interactionsDataset(p);
      String group = shop.group();
      String dataset = shop.dataset();
      importCsv(p, dataset, csv, "FULL");
      String solution = activeSolution(p, group, "aws-popularity-count", null);
      String first = trainedVersion(p, solution);
      String campaign = activeCampaign(p, first);
      // Asked twice, so the second answer may come from the campaign's memory of the first.
      for (int i = 0; i < 2; i++) {
        assertThat(runtime.getRecommendations(r -> r.campaignArn(campaign).userId("u001")).itemList()).extracting(PredictedItem::itemId).doesNotContain("hot");
      }

      importCsv(p, dataset, extra, "INCREMENTAL");
      String second = trainedVersion(p, solution);
      p.updateCampaign(r -> r.campaignArn(campaign).solutionVersionArn(second));
      Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(campaign)).campaign().latestCampaignUpdate().status(), WAIT);
      // 300 buyers of "hot" against 100 users per item before: the new version puts it first.
      assertThat(runtime.getRecommendations(r -> r.campaignArn(campaign).userId("u001")).itemList().get(0).itemId()).isEqualTo("hot");
    }
  }

  @Test
  void an_update_under_concurrent_load_fails_no_request() throws Exception {
    Path csv = Fixtures.uniformShop(dir);
    Path extra = hotItemFans(dir.resolve("hot.csv"), 300, "buy");
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      ShopDataset shop = interactionsDataset(p);
      importCsv(p, shop.dataset(), csv, "FULL");
      String solution = activeSolution(p, shop.group(), "aws-popularity-count", null);
      String campaign = activeCampaign(p, trainedVersion(p, solution));
      importCsv(p, shop.dataset(), extra, "INCREMENTAL");
      String second = trainedVersion(p, solution);

      // Four clients ask without pause while the campaign moves to the second version.
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong answered = new AtomicLong();
      AtomicLong answeredByNew = new AtomicLong();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int c = 0; c < 4; c++) {
        String user = String.format("u%03d", c);
        clients.submit(() -> {
          while (running.get()) {
            try {
              String first = runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user)).itemList().get(0).itemId();
              answered.incrementAndGet();
              if (first.equals("hot")) {
                answeredByNew.incrementAndGet();
              }
            } catch (RuntimeException e) {
              failures.add(e);
            }
          }
        });
      }
      Thread.sleep(300);
      p.updateCampaign(r -> r.campaignArn(campaign).solutionVersionArn(second));
      assertThat(Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(campaign)).campaign().latestCampaignUpdate().status(), WAIT)).isEqualTo("ACTIVE");
      long atSwap = answered.get();
      while (answered.get() < atSwap + 200) {
        Thread.sleep(20);
      }
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(failures).as("failed requests during the update").isEmpty();
      assertThat(answeredByNew.get()).as("answers from the new version").isPositive();
      assertThat(p.describeCampaign(r -> r.campaignArn(campaign)).campaign().solutionVersionArn()).isEqualTo(second);
    }
  }

  @Test
  void runtime_requests_are_checked_against_the_campaign_recipe() throws Exception {
    Path csv = Fixtures.uniformShop(dir);
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      ShopDataset shop = interactionsDataset(p);
      String group = shop.group();
      String dataset = shop.dataset();
      importCsv(p, dataset, csv, "FULL");
      String version = trainedVersion(p, activeSolution(p, group, "aws-popularity-count", null));
      String campaign = activeCampaign(p, version);

      assertThat(runtime.getRecommendations(r -> r.campaignArn(campaign).userId("u1").numResults(0)).itemList()).isEmpty();
      assertThatThrownBy(() -> runtime.getRecommendations(r -> r.campaignArn(campaign).userId("u1").numResults(501)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("Value 501 at 'numResults'");
      assertThatThrownBy(() -> runtime.getRecommendations(r -> r.campaignArn(campaign).itemId("a01")))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("userId is required");
      assertThatThrownBy(() -> runtime.getPersonalizedRanking(r -> r.campaignArn(campaign).userId("u1").inputList("a01", "z")))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("GetRecommendations");
      assertThatThrownBy(() -> runtime.getRecommendations(r -> r.campaignArn(campaign + "-gone").userId("u1")))
          .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
  }
}
