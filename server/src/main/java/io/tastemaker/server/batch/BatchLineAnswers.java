package io.tastemaker.server.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.serving.ActionAnswers;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.ServedItem;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers one line of a batch inference input as Personalize writes it to the {@code .out} file:
 * {@code {"input":{...},"output":{"recommendedItems":[...],"scores":[...]},"error":null}}, the input
 * echoed as given, scores only from recipes that score. An aws-next-best-action line,
 * {@code {"userId":"42"}}, is answered as GetActionRecommendations answers:
 * {@code "output":{"actionList":[{"actionId":"a1","score":0.83},...]}} (Personalize itself gives no
 * batch action recommendations, so this shape is Tastemaker's). A line that cannot be answered gets
 * {@code "output":null} and the reason in {@code "error"}; the job goes on.
 */
public final class BatchLineAnswers {
  /** The most items a ranking line may list, as in GetPersonalizedRanking. */
  static final int MAX_ITEM_LIST = 500;

  private final ModelAnswers answers;
  private final ActionAnswers actionAnswers;
  private final ServedModel served;
  private final int numResults;
  private final Optional<String> filterArn;

  public BatchLineAnswers(ModelAnswers answers, ActionAnswers actionAnswers, ServedModel served, int numResults, Optional<String> filterArn) {
    this.answers = answers;
    this.actionAnswers = actionAnswers;
    this.served = served;
    this.numResults = numResults;
    this.filterArn = filterArn;
  }

  /** The output line for an input line (without its line break). */
  public String answer(String line) {
    JsonNode input;
    try {
      input = Json.parse(line);
    } catch (JsonProcessingException e) {
      return Json.text(result(new TextNode(line), null, "The line is not valid JSON: " + e.getOriginalMessage()));
    }
    if (input == null || !input.isObject()) {
      return Json.text(result(input == null ? new TextNode(line) : input, null, "The line must be a JSON object, such as {\"userId\": \"42\"}."));
    }
    try {
      return Json.text(result(input, output(input), null));
    } catch (ApiException | LineException e) {
      return Json.text(result(input, null, e.getMessage()));
    }
  }

  /**
   * The output lines for a block of input lines, in order, each as {@link #answer} gives it; a
   * USER_PERSONALIZATION model scores the block's users together ({@link ModelAnswers#forUsers}).
   */
  public List<String> answerAll(List<String> lines) {
    if (served.model().type() != RecipeType.USER_PERSONALIZATION) {
      List<String> out = new ArrayList<>(lines.size());
      lines.forEach(line -> out.add(answer(line)));
      return out;
    }
    String[] out = new String[lines.size()];
    JsonNode[] inputs = new JsonNode[lines.size()];
    List<ModelAnswers.UserRequest> requests = new ArrayList<>(lines.size());
    List<Integer> asked = new ArrayList<>(lines.size());
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      JsonNode input;
      try {
        input = Json.parse(line);
      } catch (JsonProcessingException e) {
        out[k] = Json.text(result(new TextNode(line), null, "The line is not valid JSON: " + e.getOriginalMessage()));
        continue;
      }
      if (input == null || !input.isObject()) {
        out[k] = Json.text(result(input == null ? new TextNode(line) : input, null, "The line must be a JSON object, such as {\"userId\": \"42\"}."));
        continue;
      }
      inputs[k] = input;
      try {
        // The checks in the order output(...) makes them, so that a line with several faults gets the same error.
        ModelAnswers.Filter filter = new ModelAnswers.Filter(filterArn, filterValues(input));
        Map<String, String> context = strings(input, "context");
        requests.add(new ModelAnswers.UserRequest(id(input, "userId"), context, filter));
        asked.add(k);
      } catch (ApiException | LineException e) {
        out[k] = Json.text(result(input, null, e.getMessage()));
      }
    }
    List<Supplier<List<ServedItem>>> answered = answers.forUsers(served, requests, numResults);
    for (int j = 0; j < asked.size(); j++) {
      int k = asked.get(j);
      try {
        out[k] = Json.text(result(inputs[k], items(served.model(), answered.get(j).get()), null));
      } catch (ApiException e) {
        out[k] = Json.text(result(inputs[k], null, e.getMessage()));
      }
    }
    return Arrays.asList(out);
  }

  private ObjectNode output(JsonNode input) {
    Recommender model = served.model();
    ModelAnswers.Filter filter = new ModelAnswers.Filter(filterArn, filterValues(input));
    Map<String, String> context = strings(input, "context");
    return switch (model.type()) {
      case USER_PERSONALIZATION -> items(model, answers.forUser(served, id(input, "userId"), numResults, context, filter, false));
      case RELATED_ITEMS -> items(model, answers.related(served, id(input, "itemId"), numResults, Optional.ofNullable(input.get("userId")).map(JsonNode::asText), filter));
      case PERSONALIZED_ACTIONS -> actions(actionAnswers.forUser(served, id(input, "userId"), numResults, filter));
      case PERSONALIZED_RANKING -> {
        String userId = id(input, "userId");
        JsonNode list = input.get("itemList");
        if (list == null || !list.isArray() || list.isEmpty()) {
          throw new LineException("itemList is required: a list of item ids to rank, such as {\"userId\": \"42\", \"itemList\": [\"7\", \"9\"]}.");
        }
        if (list.size() > MAX_ITEM_LIST) {
          throw new LineException("itemList has " + list.size() + " items; at most " + MAX_ITEM_LIST + " are ranked.");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : list) {
          if (!id.isTextual() || id.asText().isEmpty()) {
            throw new LineException("itemList must hold item ids as strings, got " + id + ".");
          }
          ids.add(id.asText());
        }
        yield items(model, answers.rank(served, userId, ids, context, filter, false));
      }
      case USER_SEGMENTATION -> throw new LineException(model.recipe() + " makes user segments: run a batch segment job (CreateBatchSegmentJob).");
    };
  }

  /** A required id member: a non-empty string. */
  private static String id(JsonNode input, String member) {
    JsonNode id = input.get(member);
    if (id == null || id.isNull()) {
      throw new LineException(member + " is required: this model's lines look like {\"" + member + "\": \"42\"}.");
    }
    if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > 256) {
      throw new LineException(member + " must be a string of 1 to 256 characters, got " + id + ".");
    }
    return id.asText();
  }

  private Map<String, String> filterValues(JsonNode input) {
    Map<String, String> values = strings(input, "filterValues");
    if (!values.isEmpty() && filterArn.isEmpty()) {
      throw new LineException("filterValues are given, but the job has no filterArn.");
    }
    return values;
  }

  /** An object of strings, such as filterValues or context; empty when absent. */
  private static Map<String, String> strings(JsonNode input, String member) {
    JsonNode node = input.get(member);
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new LineException(member + " must be an object of strings, got " + node + ".");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new LineException(member + "." + e.getKey() + " must be a string, got " + e.getValue() + ".");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }

  /** The items, then the scores of those that have one (a ranking's unknown items come last, unscored), for recipes that score. */
  private static ObjectNode items(Recommender model, List<ServedItem> items) {
    ObjectNode output = Json.object();
    ArrayNode ids = output.putArray("recommendedItems");
    items.forEach(item -> ids.add(item.itemId()));
    if (model.scores()) {
      ArrayNode scores = output.putArray("scores");
      items.forEach(item -> item.score().ifPresent(scores::add));
    }
    return output;
  }

  /** The actions with their scores, as GetActionRecommendations lists them. */
  private static ObjectNode actions(List<ActionAnswers.ServedAction> actions) {
    ObjectNode output = Json.object();
    ArrayNode list = output.putArray("actionList");
    for (ActionAnswers.ServedAction a : actions) {
      ObjectNode entry = list.addObject();
      entry.put("actionId", a.actionId());
      entry.put("score", a.score());
    }
    return output;
  }

  private static ObjectNode result(JsonNode input, ObjectNode output, String error) {
    ObjectNode line = Json.object();
    line.set("input", input);
    line.set("output", output);
    if (error == null) {
      line.putNull("error");
    } else {
      line.put("error", error);
    }
    return line;
  }

  /** A line that cannot be answered, and why. */
  private static final class LineException extends RuntimeException {
    LineException(String message) {
      super(message);
    }
  }
}
