package io.tastemaker.server.api.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.filter.FilterMask;
import io.tastemaker.server.events.LiveHistories;
import io.tastemaker.server.serving.FilterServing;
import io.tastemaker.server.events.StreamedEvent;
import java.util.Arrays;
import java.util.Optional;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.server.wire.ApiException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GetRecommendations and GetPersonalizedRanking: a campaign's model answers from memory, with scores
 * only from recipes that score, in the request's {@code context} for models that learned contexts.
 */
public final class RecommendationOperations {
  /** Personalize's default number of results. */
  static final int DEFAULT_RESULTS = 25;

  private final CampaignServing serving;
  private final LiveHistories histories;
  private final FilterServing filters;

  public RecommendationOperations(CampaignServing serving, LiveHistories histories, FilterServing filters) {
    this.serving = serving;
    this.histories = histories;
    this.filters = filters;
  }

  /** The items the request's filter allows; every item without a filter. */
  private ItemMask mask(Input input, ServedModel served, Optional<String> userId, Optional<String> itemId) {
    if (!input.has("filterArn")) {
      if (input.has("filterValues")) {
        throw ApiException.invalidInput("filterValues are given without a filterArn.");
      }
      return ItemMask.ALL;
    }
    return filters.mask(served, input.text("filterArn"), input.stringMap("filterValues"), userId, itemId);
  }

  /** A user as the model meets them: their events streamed since it was trained, and the context. */
  private UserQuery query(ServedModel served, String userId, Map<String, String> context) {
    List<StreamedEvent> recent = histories.since(served.datasetGroupArn(), userId, served.eventWatermark());
    if (recent.isEmpty()) {
      return UserQuery.of(userId, context);
    }
    ItemCatalog catalog = served.model().items();
    int[] items = new int[recent.size()];
    long[] times = new long[recent.size()];
    boolean[] sessionStarts = new boolean[recent.size()];
    int n = 0;
    String session = null;
    for (StreamedEvent e : recent) {
      OptionalInt item = e.itemId().isPresent() ? catalog.indexOf(e.itemId().get()) : OptionalInt.empty();
      // Items the model never saw wait for the next training.
      if (item.isPresent()) {
        items[n] = item.getAsInt();
        times[n] = e.sentAt();
        // A new session id starts a session; the first streamed event starts one by its time gap.
        sessionStarts[n++] = session != null && !session.equals(e.sessionId());
        session = e.sessionId();
      }
    }
    History history = new History(Arrays.copyOf(items, n), Arrays.copyOf(times, n), Arrays.copyOf(sessionStarts, n));
    return new UserQuery(Optional.of(userId), history, context);
  }

  public void register(OperationRegistry registry) {
    registry.register("GetRecommendations", this::recommendations);
    registry.register("GetPersonalizedRanking", this::ranking);
  }

  private ServedModel campaign(Input input) {
    if (!input.has("campaignArn")) {
      if (input.has("recommenderArn")) {
        throw ApiException.invalidInput("Recommenders (recommenderArn) are not supported by Tastemaker; give a campaignArn.");
      }
      throw ApiException.invalidInput("campaignArn is required.");
    }
    String arn = input.text("campaignArn");
    ServedModel served = serving.served(arn).orElseThrow(() -> ApiException.notFound("Campaign " + arn + " does not exist or is not ACTIVE."));
    return served;
  }

  private JsonNode recommendations(Input input) {
    ServedModel served = campaign(input);
    Recommender model = served.model();
    int n = input.optionalInt("numResults").orElse(DEFAULT_RESULTS);
    Ranking ranking;
    switch (model.type()) {
      case USER_PERSONALIZATION -> {
        String userId = input.optionalText("userId").orElseThrow(() -> missing("userId", served, model));
        Map<String, String> context = input.stringMap("context");
        // The answer cache holds plain answers only: a context changes the user vector, a filter the items.
        if (context.isEmpty() && !input.has("filterArn")) {
          ranking = served.answers().get(userId, n, () -> model.recommend(query(served, userId, Map.of()), n, ItemMask.ALL));
        } else {
          ItemMask mask = mask(input, served, Optional.of(userId), Optional.empty());
          ranking = model.recommend(query(served, userId, context), n, mask);
        }
      }
      case RELATED_ITEMS -> {
        String itemId = input.optionalText("itemId").orElseThrow(() -> missing("itemId", served, model));
        OptionalInt item = model.items().indexOf(itemId);
        ItemMask mask = mask(input, served, input.optionalText("userId"), Optional.of(itemId));
        ranking = item.isPresent() ? model.related(item.getAsInt(), n, mask) : model.popular(n, mask);
      }
      default -> throw ApiException.invalidInput(
          "The campaign " + served.campaignArn() + " serves " + model.recipe() + ", a " + model.type() + " recipe; call GetPersonalizedRanking.");
    }
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
    String userId = input.text("userId");
    Set<String> unknown = new LinkedHashSet<>();
    Set<Integer> candidates = new LinkedHashSet<>();
    for (JsonNode id : input.raw("inputList").orElse(Json.array())) {
      OptionalInt item = model.items().indexOf(id.asText());
      if (item.isPresent()) {
        candidates.add(item.getAsInt());
      } else {
        unknown.add(id.asText());
      }
    }
    if (input.has("filterArn")) {
      // Items the filter drops leave the list; the scores are a softmax over the items that stay.
      ItemMask mask = mask(input, served, Optional.of(userId), Optional.empty());
      candidates.removeIf(item -> !mask.allows(item));
      List<String> unknownIds = List.copyOf(unknown);
      FilterMask unknownMask = filters.maskOf(served, input.text("filterArn"), unknownIds, input.stringMap("filterValues"), Optional.of(userId));
      unknown.clear();
      for (int i = 0; i < unknownIds.size(); i++) {
        if (unknownMask.allows(i)) {
          unknown.add(unknownIds.get(i));
        }
      }
    } else if (input.has("filterValues")) {
      throw ApiException.invalidInput("filterValues are given without a filterArn.");
    }
    Ranking ranking = model.rank(query(served, userId, input.stringMap("context")), candidates.stream().mapToInt(Integer::intValue).toArray());
    ObjectNode answer = Json.object();
    answer.set("personalizedRanking", items(model, ranking, unknown));
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
