package io.tastemaker.server.api.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GetRecommendations and GetPersonalizedRanking: a campaign's model answers from memory, with scores
 * only from recipes that score, in the request's {@code context} for models that learned contexts,
 * among the items the request's filter allows.
 */
public final class RecommendationOperations {
  /** Personalize's default number of results. */
  static final int DEFAULT_RESULTS = 25;

  private final CampaignServing serving;
  private final ModelAnswers answers;

  public RecommendationOperations(CampaignServing serving, ModelAnswers answers) {
    this.serving = serving;
    this.answers = answers;
  }

  public void register(OperationRegistry registry) {
    registry.register("GetRecommendations", this::recommendations);
    registry.register("GetPersonalizedRanking", this::ranking);
  }

  private ServedModel campaign(Input input) {
    // A recommenderArn is refused even beside a campaignArn: answering from the campaign would ignore it.
    if (input.has("recommenderArn")) {
      throw ApiException.invalidInput(
          "recommenderArn " + input.text("recommenderArn") + " names a recommender; Tastemaker does not serve recommenders, give a campaignArn alone.");
    }
    if (!input.has("campaignArn")) {
      throw ApiException.invalidInput("campaignArn is required.");
    }
    String arn = input.text("campaignArn");
    return serving.served(arn).orElseThrow(() -> ApiException.notFound("Campaign " + arn + " does not exist or is not ACTIVE."));
  }

  private static ModelAnswers.Filter filter(Input input) {
    return new ModelAnswers.Filter(input.optionalText("filterArn"), input.stringMap("filterValues"));
  }

  private JsonNode recommendations(Input input) {
    ServedModel served = campaign(input);
    Recommender model = served.model();
    int n = input.optionalInt("numResults").orElse(DEFAULT_RESULTS);
    Ranking ranking = switch (model.type()) {
      case USER_PERSONALIZATION -> {
        String userId = input.optionalText("userId").orElseThrow(() -> missing("userId", served, model));
        yield answers.forUser(served, userId, n, input.stringMap("context"), filter(input), true);
      }
      case RELATED_ITEMS -> {
        String itemId = input.optionalText("itemId").orElseThrow(() -> missing("itemId", served, model));
        yield answers.related(served, itemId, n, input.optionalText("userId"), filter(input));
      }
      default -> throw ApiException.invalidInput(
          "The campaign " + served.campaignArn() + " serves " + model.recipe() + ", a " + model.type() + " recipe; call GetPersonalizedRanking.");
    };
    ObjectNode answer = Json.object();
    answer.set("itemList", items(model, ranking, List.of()));
    answer.put("recommendationId", recommendationId());
    return answer;
  }

  /** Ranks the input list; an id given twice is answered once, known or not. */
  private JsonNode ranking(Input input) {
    ServedModel served = campaign(input);
    Recommender model = served.model();
    if (model.type() != RecipeType.PERSONALIZED_RANKING) {
      throw ApiException.invalidInput(
          "The campaign " + served.campaignArn() + " serves " + model.recipe() + ", a " + model.type() + " recipe; call GetRecommendations.");
    }
    List<String> inputList = new ArrayList<>();
    input.raw("inputList").ifPresent(list -> list.forEach(id -> inputList.add(id.asText())));
    ModelAnswers.RankedList ranked = answers.rank(served, input.text("userId"), inputList, input.stringMap("context"), filter(input), true);
    ObjectNode answer = Json.object();
    answer.set("personalizedRanking", items(model, ranked.known(), ranked.unknown()));
    answer.put("recommendationId", recommendationId());
    return answer;
  }

  /** The items of a ranking, scored when the model scores, then unknown ids last without a score. */
  private static ArrayNode items(Recommender model, Ranking ranking, Collection<String> unscoredTail) {
    ArrayNode list = Json.array();
    int[] items = ranking.items();
    double[] scores = ranking.scores();
    for (int i = 0; i < items.length; i++) {
      ObjectNode item = list.addObject().put("itemId", model.items().id(items[i]));
      if (model.scores() && scores.length > 0) {
        item.put("score", scores[i]);
      }
    }
    unscoredTail.forEach(id -> list.addObject().put("itemId", id));
    return list;
  }

  private static ApiException missing(String member, ServedModel served, Recommender model) {
    return ApiException.invalidInput(
        member + " is required: the campaign " + served.campaignArn() + " serves " + model.recipe() + ", a " + model.type() + " recipe.");
  }

  /** A random version-4 UUID; not a secret, so it need not wait on the system's secure random. */
  private static String recommendationId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return "RID-" + new UUID(high, low);
  }
}
