package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * Interaction context through the AWS SDK for Java v2: an Interactions dataset with a categorical
 * DEVICE field, where people watch clips on a phone and films on a TV, trains aws-hrnn-metadata,
 * aws-user-personalization-v2, aws-personalized-ranking and aws-personalized-ranking-v2 (the guide's
 * "Increasing recommendation relevance with contextual metadata" names the v2 recipes among those
 * that use it); the {@code context} of GetRecommendations and GetPersonalizedRanking then decides
 * which kind comes first, and the scores keep Personalize's rules.
 */
class InteractionContextSdkIT {
  private static final String SCHEMA =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},
        {"name":"ITEM_ID","type":"string"},
        {"name":"TIMESTAMP","type":"long"},
        {"name":"DEVICE","type":["null","string"],"categorical":true}],"version":"1.0"}""";
  private static final Map<String, String> KNOBS = Map.of("hidden_dimension", "32", "epochs", "6", "batch_size", "32", "bptt", "8", "threads", "2");
  /** The v2 ITs' small settings: the auto knobs are made for data a hundred times this size. */
  private static final Map<String, String> V2_KNOBS = Map.of("hidden_dimension", "32", "epochs", "30", "learning_rate", "0.005", "dropout", "0.2", "threads", "2");
  private static final Map<String, String> PHONE = Map.of("DEVICE", "phone");
  private static final Map<String, String> TV = Map.of("DEVICE", "tv");

  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  /** Campaigns of aws-hrnn-metadata and aws-user-personalization-v2. */
  private static final List<String> recommendations = new ArrayList<>();
  /** Campaigns of aws-personalized-ranking and aws-personalized-ranking-v2. */
  private static final List<String> rankings = new ArrayList<>();

  @BeforeAll
  static void trainAndDeploy() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
    runtime = server.runtime();
    Path csv = Files.createDirectories(server.localData().resolve("fixture")).resolve("interactions.csv");
    Files.writeString(csv, clipsOnPhonesFilmsOnTvs());
    String group = Workflow.activeGroup(personalize, "devices");
    Workflow.importInto(personalize, group, "Interactions", SCHEMA, csv);
    recommendations.add(Workflow.deployed(personalize, group, "aws-hrnn-metadata", KNOBS));
    recommendations.add(Workflow.deployed(personalize, group, "aws-user-personalization-v2", V2_KNOBS));
    rankings.add(Workflow.deployed(personalize, group, "aws-personalized-ranking", KNOBS));
    rankings.add(Workflow.deployed(personalize, group, "aws-personalized-ranking-v2", V2_KNOBS));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      runtime.close();
      personalize.close();
      server.close();
    }
  }

  /** 200 users, 10 to 24 events each; each event is on a phone or a TV at random, a clip or a film to match. */
  private static String clipsOnPhonesFilmsOnTvs() {
    SplittableRandom random = new SplittableRandom(17);
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP,DEVICE\n");
    for (int u = 0; u < 200; u++) {
      int events = 10 + random.nextInt(15);
      for (int k = 0; k < events; k++) {
        boolean phone = random.nextBoolean();
        csv.append("user-").append(u).append(',').append(phone ? "clip-" : "film-").append(random.nextInt(20)).append(',').append(1_700_000_000L + 60L * k)
            .append(',').append(phone ? "phone" : "tv").append('\n');
      }
    }
    return csv.toString();
  }

  private static List<PredictedItem> recommend(String campaign, String user, Map<String, String> context, int n) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(n).context(context)).itemList();
  }

  private static long clips(List<PredictedItem> items) {
    return items.stream().filter(i -> i.itemId().startsWith("clip-")).count();
  }

  @Test
  void the_request_context_decides_which_kind_of_item_comes_first() {
    for (String campaign : recommendations) {
      for (String user : List.of("user-1", "user-2", "user-3", "user-4")) {
        assertThat(clips(recommend(campaign, user, PHONE, 10))).as(campaign + ", " + user + " on a phone: clips in the top 10").isGreaterThanOrEqualTo(9);
        assertThat(clips(recommend(campaign, user, TV, 10))).as(campaign + ", " + user + " on a TV: clips in the top 10").isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void an_answer_without_context_is_not_reused_for_a_request_with_one() {
    // The first call fills the campaign's answer cache; the calls in a context must not read it.
    for (String campaign : recommendations) {
      List<PredictedItem> plain = recommend(campaign, "user-5", Map.of(), 10);
      assertThat(recommend(campaign, "user-5", Map.of(), 10)).isEqualTo(plain);
      assertThat(recommend(campaign, "user-5", PHONE, 10)).isNotEqualTo(recommend(campaign, "user-5", TV, 10));
      assertThat(clips(recommend(campaign, "user-5", PHONE, 10))).as(campaign).isGreaterThanOrEqualTo(9);
    }
  }

  @Test
  void in_a_context_the_scores_of_every_item_still_sum_to_one() {
    for (String campaign : recommendations) {
      for (Map<String, String> context : List.of(PHONE, TV, Map.of("DEVICE", "a-device-never-seen"))) {
        List<PredictedItem> all = recommend(campaign, "user-6", context, 500);
        assertThat(all).hasSize(40);
        assertThat(all.stream().mapToDouble(PredictedItem::score).sum()).as(campaign + " " + context).isCloseTo(1.0, within(1e-6));
      }
    }
  }

  @Test
  void a_ranking_in_a_context_puts_that_context_s_kind_first() {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      input.add("film-" + i);
      input.add("clip-" + i);
    }
    input.add("never-seen");
    for (String ranking : rankings) {
      for (Map<String, String> context : List.of(PHONE, TV)) {
        List<PredictedItem> ranked = runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-7").inputList(input).context(context)).personalizedRanking();
        String first = context == PHONE ? "clip-" : "film-";
        assertThat(ranked.subList(0, 10)).as(ranking + ", the first half on " + context).filteredOn(i -> i.itemId().startsWith(first)).hasSizeGreaterThanOrEqualTo(9);
        assertThat(ranked.get(20).itemId()).isEqualTo("never-seen");
        assertThat(ranked.get(20).score()).isNull();
        assertThat(ranked.subList(0, 20).stream().mapToDouble(PredictedItem::score).sum()).isCloseTo(1.0, within(1e-6));
      }
    }
  }
}
