package io.tastemaker.core.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tastemaker.core.recipe.RecipeType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers the lines of a batch inference input as Personalize writes them to the {@code .out} file:
 * {@code {"input":{...},"output":{"recommendedItems":[...],"scores":[...]},"error":null}}, the input
 * echoed as given, scores only from recipes that score. An aws-next-best-action line,
 * {@code {"userId":"42"}}, is answered as GetActionRecommendations answers:
 * {@code "output":{"actionList":[{"actionId":"a1","score":0.83},...]}} (Personalize itself gives no
 * batch action recommendations, so this shape is Tastemaker's). A line that cannot be answered gets
 * {@code "output":null} and the reason in {@code "error"}; the job goes on. The server's job and the
 * Spark application both write their lines here, so their files are the same.
 */
public final class BatchLines {
  /** The most items a ranking line may list, as in GetPersonalizedRanking. */
  public static final int MAX_ITEM_LIST = 500;

  // The server's own mapper settings (io.tastemaker.server.api.Json): the fast double writer and
  // parser round-trip exactly like the JDK's.
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN, StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build();

  private final BatchAnswerer answerer;
  private final RecipeType type;
  private final String recipe;
  private final boolean scores;
  private final int numResults;
  private final boolean filtered;

  /**
   * @param answerer answers the lines
   * @param type the model's recipe type, which decides what a line asks
   * @param recipe the model's recipe, for messages
   * @param scores whether the recipe scores its items
   * @param numResults how many items a line gets
   * @param filtered whether the job has a filter (without one, a line's filterValues are refused)
   */
  public BatchLines(BatchAnswerer answerer, RecipeType type, String recipe, boolean scores, int numResults, boolean filtered) {
    this.answerer = Objects.requireNonNull(answerer, "answerer");
    this.type = Objects.requireNonNull(type, "type");
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.scores = scores;
    if (numResults < 1) {
      throw new IllegalArgumentException("numResults must be at least 1, got " + numResults);
    }
    this.numResults = numResults;
    this.filtered = filtered;
  }

  /** The output line for an input line (without its line break). */
  public String answer(String line) {
    return answerAll(List.of(line)).get(0);
  }

  /**
   * The output lines for a block of input lines, in order; a USER_PERSONALIZATION model scores the
   * block's users together ({@link BatchAnswerer#forUsers}).
   */
  public List<String> answerAll(List<String> lines) {
    String[] out = new String[lines.size()];
    JsonNode[] inputs = new JsonNode[lines.size()];
    List<UserLine> users = new ArrayList<>(lines.size());
    List<Integer> asked = new ArrayList<>(lines.size());
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      JsonNode input;
      try {
        input = MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        out[k] = text(result(new TextNode(line), null, "The line is not valid JSON: " + e.getOriginalMessage()));
        continue;
      }
      if (input == null || !input.isObject()) {
        out[k] = text(result(input == null ? new TextNode(line) : input, null, "The line must be a JSON object, such as {\"userId\": \"42\"}."));
        continue;
      }
      inputs[k] = input;
      try {
        if (type == RecipeType.USER_PERSONALIZATION) {
          // The checks in the order output(...) makes them, so that a line with several faults gets the same error.
          Map<String, String> filterValues = filterValues(input);
          Map<String, String> context = strings(input, "context");
          users.add(new UserLine(id(input, "userId"), context, filterValues));
          asked.add(k);
        } else {
          out[k] = text(result(input, output(input), null));
        }
      } catch (LineRefusedException e) {
        out[k] = text(result(input, null, e.getMessage()));
      }
    }
    if (!users.isEmpty()) {
      List<Supplier<List<BatchItem>>> answered = answerer.forUsers(users, numResults);
      for (int j = 0; j < asked.size(); j++) {
        int k = asked.get(j);
        try {
          out[k] = text(result(inputs[k], items(answered.get(j).get()), null));
        } catch (LineRefusedException e) {
          out[k] = text(result(inputs[k], null, e.getMessage()));
        }
      }
    }
    return Arrays.asList(out);
  }

  private ObjectNode output(JsonNode input) {
    Map<String, String> filterValues = filterValues(input);
    Map<String, String> context = strings(input, "context");
    return switch (type) {
      case USER_PERSONALIZATION -> throw new IllegalStateException("USER_PERSONALIZATION lines are answered in blocks");
      case RELATED_ITEMS -> items(answerer.related(id(input, "itemId"), numResults, Optional.ofNullable(input.get("userId")).map(JsonNode::asText), filterValues));
      case PERSONALIZED_ACTIONS -> actions(answerer.actions(id(input, "userId"), numResults, filterValues));
      case PERSONALIZED_RANKING -> {
        String userId = id(input, "userId");
        JsonNode list = input.get("itemList");
        if (list == null || !list.isArray() || list.isEmpty()) {
          throw new LineRefusedException("itemList is required: a list of item ids to rank, such as {\"userId\": \"42\", \"itemList\": [\"7\", \"9\"]}.");
        }
        if (list.size() > MAX_ITEM_LIST) {
          throw new LineRefusedException("itemList has " + list.size() + " items; at most " + MAX_ITEM_LIST + " are ranked.");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : list) {
          if (!id.isTextual() || id.asText().isEmpty()) {
            throw new LineRefusedException("itemList must hold item ids as strings, got " + id + ".");
          }
          ids.add(id.asText());
        }
        yield items(answerer.rank(userId, ids, context, filterValues));
      }
      case USER_SEGMENTATION -> throw new LineRefusedException(recipe + " makes user segments: run a batch segment job (CreateBatchSegmentJob).");
    };
  }

  /** A required id member: a non-empty string. */
  private static String id(JsonNode input, String member) {
    JsonNode id = input.get(member);
    if (id == null || id.isNull()) {
      throw new LineRefusedException(member + " is required: this model's lines look like {\"" + member + "\": \"42\"}.");
    }
    if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > 256) {
      throw new LineRefusedException(member + " must be a string of 1 to 256 characters, got " + id + ".");
    }
    return id.asText();
  }

  private Map<String, String> filterValues(JsonNode input) {
    Map<String, String> values = strings(input, "filterValues");
    if (!values.isEmpty() && !filtered) {
      throw new LineRefusedException("filterValues are given, but the job has no filterArn.");
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
      throw new LineRefusedException(member + " must be an object of strings, got " + node + ".");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new LineRefusedException(member + "." + e.getKey() + " must be a string, got " + e.getValue() + ".");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }

  /** The items, then the scores of those that have one (a ranking's unknown items come last, unscored), for recipes that score. */
  private ObjectNode items(List<BatchItem> items) {
    ObjectNode output = MAPPER.createObjectNode();
    ArrayNode ids = output.putArray("recommendedItems");
    items.forEach(item -> ids.add(item.itemId()));
    if (scores) {
      ArrayNode scored = output.putArray("scores");
      items.forEach(item -> item.score().ifPresent(scored::add));
    }
    return output;
  }

  /** The actions with their scores, as GetActionRecommendations lists them. */
  private static ObjectNode actions(List<BatchAction> actions) {
    ObjectNode output = MAPPER.createObjectNode();
    ArrayNode list = output.putArray("actionList");
    for (BatchAction a : actions) {
      ObjectNode entry = list.addObject();
      entry.put("actionId", a.actionId());
      entry.put("score", a.score());
    }
    return output;
  }

  private static ObjectNode result(JsonNode input, ObjectNode output, String error) {
    ObjectNode line = MAPPER.createObjectNode();
    line.set("input", input);
    line.set("output", output);
    if (error == null) {
      line.putNull("error");
    } else {
      line.put("error", error);
    }
    return line;
  }

  static String text(JsonNode node) {
    try {
      return new String(MAPPER.writeValueAsBytes(node), StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
