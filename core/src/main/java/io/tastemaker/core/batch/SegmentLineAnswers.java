package io.tastemaker.core.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.affinity.AttributeQuery;
import io.tastemaker.core.affinity.UserMask;
import io.tastemaker.core.affinity.UserSegment;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.recipe.RecipeCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Answers one line of a batch segment job as the guide's output examples show: {@code
 * {"input":{"itemId":"105"},"output":{"recommendedUsers":["106",...]}}} for aws-item-affinity, and
 * {@code {"itemAttributes":"ITEMS.GENRES = \"Comedy\"","output":{"recommendedUsers":[...]}}} (the
 * input's members at the top) for aws-item-attribute-affinity. A line that cannot be answered gets
 * {@code "output":null} and the reason in {@code "error"}; the job goes on. Here in core, so that the
 * server's job and the Spark application write the same bytes.
 */
public final class SegmentLineAnswers {
  /** Which items an attribute query selects, over the model's catalogue. */
  @FunctionalInterface
  public interface AttributeItems {
    ItemMask of(AttributeQuery query);
  }

  private final AffinityModel model;
  private final int numResults;
  private final Function<Map<String, String>, UserMask> users;
  private final AttributeItems attributeItems;
  private final boolean byAttributes;

  /**
   * @param users the users a segment may hold for a line's {@code filterValues} (everyone without a
   *     filter); throws IllegalArgumentException for values the filter cannot take
   */
  public SegmentLineAnswers(AffinityModel model, int numResults, Function<Map<String, String>, UserMask> users, AttributeItems attributeItems) {
    this.model = model;
    this.numResults = numResults;
    this.users = users;
    this.attributeItems = attributeItems;
    this.byAttributes = model.recipe().equals(RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY);
  }

  /** The users of a job without a filter: everyone, and a line's filterValues refused. */
  public static UserMask everyone(Map<String, String> filterValues) {
    if (!filterValues.isEmpty()) {
      throw new IllegalArgumentException("filterValues are given, but the job has no filterArn.");
    }
    return UserMask.ALL;
  }

  /** The output line for an input line (without its line break). */
  public String answer(String line) {
    JsonNode input;
    try {
      input = BatchLines.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return BatchLines.text(failed(new TextNode(line), "The line is not valid JSON: " + e.getOriginalMessage()));
    }
    if (input == null || !input.isObject()) {
      return BatchLines.text(failed(input == null ? new TextNode(line) : input, "The line must be a JSON object, such as " + example() + "."));
    }
    try {
      ObjectNode output = BatchLines.MAPPER.createObjectNode();
      ArrayNode ids = output.putArray("recommendedUsers");
      for (int user : segment((ObjectNode) input).users()) {
        ids.add(model.userId(user));
      }
      return BatchLines.text(answered(input, output));
    } catch (IllegalArgumentException e) {
      return BatchLines.text(failed(input, e.getMessage()));
    }
  }

  private UserSegment segment(ObjectNode input) {
    UserMask allowed = users.apply(filterValues(input));
    if (byAttributes) {
      JsonNode query = input.get("itemAttributes");
      if (query == null || !query.isTextual() || query.asText().isBlank()) {
        throw new IllegalArgumentException("itemAttributes is required: " + model.recipe() + " lines look like " + example() + ".");
      }
      int[] items = model.itemsAllowed(attributeItems.of(AttributeQuery.parse(query.asText())));
      if (items.length == 0) {
        throw new IllegalArgumentException("No item the model was trained on has these attributes: " + query.asText());
      }
      return model.segment(items, numResults, allowed);
    }
    JsonNode id = input.get("itemId");
    if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > 256) {
      throw new IllegalArgumentException("itemId is required, a string of 1 to 256 characters: " + model.recipe() + " lines look like " + example() + ".");
    }
    OptionalInt item = model.items().indexOf(id.asText());
    if (item.isEmpty()) {
      throw new IllegalArgumentException("The item " + id.asText() + " has no interactions in the data the solution version was trained on.");
    }
    return model.segment(item.getAsInt(), numResults, allowed);
  }

  private String example() {
    return byAttributes ? "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Comedy\\\"\"}" : "{\"itemId\": \"105\"}";
  }

  private static Map<String, String> filterValues(ObjectNode input) {
    JsonNode node = input.get("filterValues");
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("filterValues must be an object of strings, got " + node + ".");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException("filterValues." + e.getKey() + " must be a string, got " + e.getValue() + ".");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }

  private ObjectNode answered(JsonNode input, ObjectNode output) {
    ObjectNode line = echo(input);
    line.set("output", output);
    return line;
  }

  private ObjectNode failed(JsonNode input, String error) {
    ObjectNode line = echo(input);
    line.putNull("output");
    line.put("error", error);
    return line;
  }

  /** The input as the guide echoes it: under {@code input} for items, at the top for attribute queries. */
  private ObjectNode echo(JsonNode input) {
    ObjectNode line = BatchLines.MAPPER.createObjectNode();
    if (byAttributes && input.isObject()) {
      input.properties().forEach(e -> line.set(e.getKey(), e.getValue()));
    } else {
      line.set("input", input);
    }
    return line;
  }
}
