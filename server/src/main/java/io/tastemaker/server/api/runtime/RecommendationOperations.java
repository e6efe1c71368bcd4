package io.tastemaker.server.api.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.MetadataColumns;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.RecommendationMemory;
import io.tastemaker.server.serving.ServedItem;
import io.tastemaker.server.serving.RecommenderServing;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.core.domain.Requirement;
import io.tastemaker.core.domain.UseCase;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GetRecommendations and GetPersonalizedRanking: a campaign's model answers from memory, with scores
 * only from recipes that score, in the request's {@code context} for models that learned contexts,
 * among the items the request's filter allows, through the business rules of {@link ModelAnswers}:
 * the campaign's ranking influence, a request's promotion (GetRecommendations), and the Items
 * columns a request names in {@code metadataColumns}.
 */
public final class RecommendationOperations {
  /** Personalize's default number of results. */
  static final int DEFAULT_RESULTS = 25;

  private final CampaignServing serving;
  private final RecommenderServing recommenders;
  private final ModelAnswers answers;
  private final MetadataColumns metadata;
  private final RecommendationMemory shown;

  /** @param shown remembers each answer's items under its recommendationId, for PutEvents' implicit impressions */
  public RecommendationOperations(
      CampaignServing serving, RecommenderServing recommenders, ModelAnswers answers, MetadataColumns metadata, RecommendationMemory shown) {
    this.shown = shown;
    this.serving = serving;
    this.recommenders = recommenders;
    this.answers = answers;
    this.metadata = metadata;
  }

  public void register(OperationRegistry registry) {
    registry.register("GetRecommendations", this::recommendations);
    registry.register("GetPersonalizedRanking", this::ranking);
  }

  private ServedModel campaign(Input input) {
    if (input.has("recommenderArn")) {
      throw ApiException.invalidInput(
          "recommenderArn " + input.text("recommenderArn") + " names a recommender; GetPersonalizedRanking takes a campaignArn.");
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

  /** The request's promotion, if any: Personalize takes at most one, with a name, a percentage and a filter. */
  private static Optional<ModelAnswers.Promotion> promotion(Input input) {
    JsonNode list = input.raw("promotions").orElse(null);
    if (list == null || list.isEmpty()) {
      return Optional.empty();
    }
    if (list.size() > 1) {
      throw ApiException.invalidInput("promotions takes at most 1 promotion, got " + list.size() + ".");
    }
    if (!list.get(0).isObject()) {
      throw ApiException.invalidInput("promotions[0] must be a promotion: {\"name\", \"percentPromotedItems\", \"filterArn\", \"filterValues\"}, got " + list.get(0) + ".");
    }
    Input promotion = new Input((ObjectNode) list.get(0));
    String name = promotion.optionalText("name").orElseThrow(() -> ApiException.invalidInput("promotions[0].name is required: it names the promoted items."));
    int percent = promotion.optionalInt("percentPromotedItems")
        .orElseThrow(() -> ApiException.invalidInput("promotions[0].percentPromotedItems is required: the share of the items to promote, 1 to 100."));
    if (percent < 1 || percent > 100) {
      throw ApiException.invalidInput("promotions[0].percentPromotedItems must be in [1, 100], got " + percent + ".");
    }
    String filterArn = promotion.optionalText("filterArn")
        .orElseThrow(() -> ApiException.invalidInput("promotions[0].filterArn is required: the filter that admits the promoted items."));
    return Optional.of(new ModelAnswers.Promotion(name, percent, filterArn, promotion.stringMap("filterValues")));
  }

  private JsonNode recommendations(Input input) {
    if (input.has("recommenderArn") && input.has("campaignArn")) {
      throw ApiException.invalidInput("Give either campaignArn or recommenderArn, not both: got campaignArn " + input.text("campaignArn")
          + " and recommenderArn " + input.text("recommenderArn") + ".");
    }
    if (!input.has("recommenderArn") && !input.has("campaignArn")) {
      throw ApiException.invalidInput("campaignArn or recommenderArn is required.");
    }
    if (input.has("recommenderArn")) {
      return fromRecommender(input);
    }
    ServedModel served = campaign(input);
    Recommender model = served.model();
    int n = input.optionalInt("numResults").orElse(DEFAULT_RESULTS);
    Optional<ModelAnswers.Promotion> promotion = promotion(input);
    Map<String, String> columns = columns(input, served, n, "numResults");
    List<ServedItem> items = switch (model.type()) {
      case USER_PERSONALIZATION -> {
        String userId = input.optionalText("userId").orElseThrow(() -> missing("userId", served, model));
        yield answers.forUser(served, userId, n, input.stringMap("context"), filter(input), promotion, true);
      }
      case RELATED_ITEMS -> {
        String itemId = input.optionalText("itemId").orElseThrow(() -> missing("itemId", served, model));
        yield answers.related(served, itemId, n, input.optionalText("userId"), filter(input), promotion);
      }
      default -> throw ApiException.invalidInput(
          "The campaign " + served.campaignArn() + " serves " + model.recipe() + ", a " + model.type() + " recipe; call GetPersonalizedRanking.");
    };
    ObjectNode answer = Json.object();
    answer.set("itemList", json(metadata.fill(served, columns, items), !columns.isEmpty()));
    String id = recommendationId();
    shown.remember(id, items.stream().map(ServedItem::itemId).toList());
    answer.put("recommendationId", id);
    return answer;
  }

  /**
   * GetRecommendations from a recommender: its use case says which of {@code userId} and
   * {@code itemId} it needs ({@link UseCase#userId()}, {@link UseCase#itemId()}); a use case that
   * answers everyone alike (trending) reads the user only for filters.
   */
  private JsonNode fromRecommender(Input input) {
    ServedModel served = recommenders.served(input.text("recommenderArn"));
    UseCase useCase = recommenders.useCaseOf(served);
    int n = input.optionalInt("numResults").orElse(DEFAULT_RESULTS);
    Optional<ModelAnswers.Promotion> promotion = promotion(input);
    Map<String, String> columns = columns(input, served, n, "numResults");
    Optional<String> userId = input.optionalText("userId");
    if (useCase.userId() == Requirement.REQUIRED && userId.isEmpty()) {
      throw useCaseNeeds("userId", useCase, served);
    }
    List<ServedItem> items;
    if (useCase.type() == RecipeType.RELATED_ITEMS) {
      String itemId = input.optionalText("itemId").orElseThrow(() -> useCaseNeeds("itemId", useCase, served));
      items = answers.related(served, itemId, n, userId, filter(input), promotion);
    } else if (useCase.userId() == Requirement.REQUIRED) {
      items = answers.forUser(served, userId.get(), n, input.stringMap("context"), filter(input), promotion, true);
    } else {
      items = answers.forAnyone(served, userId, n, filter(input), promotion);
    }
    ObjectNode answer = Json.object();
    answer.set("itemList", json(metadata.fill(served, columns, items), !columns.isEmpty()));
    answer.put("recommendationId", recommendationId());
    return answer;
  }

  private static ApiException useCaseNeeds(String member, UseCase useCase, ServedModel served) {
    return ApiException.invalidInput(
        member + " is required: " + served.servedBy() + " serves the use case " + useCase.name() + " (" + useCase.title() + "), which recommends "
            + (useCase.type() == RecipeType.RELATED_ITEMS ? "items related to an itemId" : "items for a userId") + ".");
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
    Map<String, String> columns = columns(input, served, inputList.size(), "inputList");
    List<ServedItem> items = answers.rank(served, input.text("userId"), inputList, input.stringMap("context"), filter(input), true);
    ObjectNode answer = Json.object();
    answer.set("personalizedRanking", json(metadata.fill(served, columns, items), !columns.isEmpty()));
    String id = recommendationId();
    shown.remember(id, items.stream().map(ServedItem::itemId).toList());
    answer.put("recommendationId", id);
    return answer;
  }

  /** The Items columns the request asks for, checked against the campaign: requested name to schema name. */
  private Map<String, String> columns(Input input, ServedModel served, int asked, String askedBy) {
    List<String> requested = MetadataColumns.requested(input.raw("metadataColumns"));
    return requested.isEmpty() ? Map.of() : metadata.check(served, requested, asked, askedBy);
  }

  /** The answer's items as {@code PredictedItem}s: members only where they have something to say, metadata when asked. */
  private static ArrayNode json(List<ServedItem> items, boolean withMetadata) {
    ArrayNode list = Json.array();
    for (ServedItem item : items) {
      ObjectNode predicted = list.addObject().put("itemId", item.itemId());
      item.score().ifPresent(score -> predicted.put("score", score));
      item.promotionName().ifPresent(name -> predicted.put("promotionName", name));
      if (withMetadata) {
        ObjectNode values = predicted.putObject("metadata");
        item.metadata().forEach(values::put);
      }
      if (!item.reasons().isEmpty()) {
        item.reasons().forEach(predicted.putArray("reason")::add);
      }
    }
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
