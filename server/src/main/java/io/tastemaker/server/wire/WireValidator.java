package io.tastemaker.server.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a request body against its shape: types, required members, lengths, ranges, patterns and
 * enums, the way AWS services do on their side (clients only check {@code min}).
 *
 * <p>Every violation is reported at once, in the AWS wording: {@code 1 validation error detected:
 * Value 'x' at 'name' failed to satisfy constraint: Member must ...}.
 */
public final class WireValidator {
  private static final int MAX_SHOWN_VALUE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireModel model;

  public WireValidator(WireModel model) {
    this.model = model;
  }

  /** Throws {@link ApiException} of type InvalidInputException when {@code body} breaks the shape. */
  public void validate(OperationSpec operation, JsonNode body) {
    List<String> errors = new ArrayList<>();
    Shape input = model.shape(operation.service(), operation.inputShape());
    checkStructure(operation.service(), input, body, "", errors);
    if (!errors.isEmpty()) {
      String count = errors.size() == 1 ? "1 validation error" : errors.size() + " validation errors";
      throw ApiException.invalidInput(count + " detected: " + String.join("; ", errors));
    }
  }

  private void check(String service, Shape shape, JsonNode value, String path, boolean json, List<String> errors) {
    switch (shape.type()) {
      case "structure" -> checkStructure(service, shape, value, path, errors);
      case "list" -> checkList(service, shape, value, path, errors);
      case "map" -> checkMap(service, shape, value, path, errors);
      case "string" -> checkString(shape, value, path, json, errors);
      case "integer", "long" -> checkInteger(shape, value, path, errors);
      case "float", "double" -> checkNumber(shape, value, path, errors);
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(violation(value, path, "Member must be a boolean"));
        }
      }
      case "timestamp" -> {
        if (!value.isNumber()) {
          errors.add(violation(value, path, "Member must be a timestamp in epoch seconds"));
        }
      }
      default -> throw new IllegalStateException("unknown shape type " + shape.type());
    }
  }

  private void checkStructure(String service, Shape shape, JsonNode value, String path, List<String> errors) {
    if (!value.isObject()) {
      errors.add(violation(value, path.isEmpty() ? "body" : path, "Member must be a JSON object"));
      return;
    }
    for (String required : shape.required()) {
      JsonNode member = value.get(required);
      if (member == null || member.isNull()) {
        errors.add("Value null at '" + join(path, required) + "' failed to satisfy constraint: Member must not be null");
      }
    }
    for (Map.Entry<String, Shape.Member> entry : shape.members().entrySet()) {
      JsonNode member = value.get(entry.getKey());
      if (member != null && !member.isNull()) {
        Shape target = model.shape(service, entry.getValue().target());
        check(service, target, member, join(path, entry.getKey()), entry.getValue().jsonValue(), errors);
      }
    }
  }

  private void checkList(String service, Shape shape, JsonNode value, String path, List<String> errors) {
    if (!value.isArray()) {
      errors.add(violation(value, path, "Member must be a list"));
      return;
    }
    checkSize(shape, value, value.size(), path, errors);
    Shape element = model.shape(service, shape.element().orElseThrow());
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String at = path + "." + (i + 1) + ".member";
      if (item.isNull()) {
        errors.add("Value null at '" + at + "' failed to satisfy constraint: Member must not be null");
      } else {
        check(service, element, item, at, false, errors);
      }
    }
  }

  private void checkMap(String service, Shape shape, JsonNode value, String path, List<String> errors) {
    if (!value.isObject()) {
      errors.add(violation(value, path, "Member must be a map"));
      return;
    }
    checkSize(shape, value, value.size(), path, errors);
    Shape keyShape = model.shape(service, shape.key().orElseThrow());
    Shape valueShape = model.shape(service, shape.element().orElseThrow());
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String at = path + "." + entry.getKey();
      checkString(keyShape, JSON.getNodeFactory().textNode(entry.getKey()), path + " key", false, errors);
      if (entry.getValue().isNull()) {
        errors.add("Value null at '" + at + "' failed to satisfy constraint: Member must not be null");
      } else {
        check(service, valueShape, entry.getValue(), at, false, errors);
      }
    }
  }

  private static void checkSize(Shape shape, JsonNode value, int size, String path, List<String> errors) {
    if (shape.min().isPresent() && size < shape.min().getAsDouble()) {
      errors.add(violation(value, path, "Member must have length greater than or equal to " + (long) shape.min().getAsDouble()));
    }
    if (shape.max().isPresent() && size > shape.max().getAsDouble()) {
      errors.add(violation(value, path, "Member must have length less than or equal to " + (long) shape.max().getAsDouble()));
    }
  }

  private static void checkString(Shape shape, JsonNode value, String path, boolean json, List<String> errors) {
    if (!value.isTextual()) {
      errors.add(violation(value, path, "Member must be a string"));
      return;
    }
    String text = value.textValue();
    int length = text.codePointCount(0, text.length());
    checkSize(shape, value, length, path, errors);
    if (shape.pattern().isPresent() && !shape.pattern().get().matcher(text).matches()) {
      errors.add(violation(value, path, "Member must satisfy regular expression pattern: " + shape.pattern().get().pattern()));
    }
    if (!shape.allowed().isEmpty() && !shape.allowed().contains(text)) {
      errors.add(violation(value, path, "Member must satisfy enum value set: " + shape.allowed()));
    }
    if (json) {
      try {
        JSON.readTree(text);
      } catch (JsonProcessingException e) {
        errors.add(violation(value, path, "Member must be a JSON document: " + e.getOriginalMessage()));
      }
    }
  }

  private static void checkInteger(Shape shape, JsonNode value, String path, List<String> errors) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      errors.add(violation(value, path, "Member must be an integer"));
      return;
    }
    checkRange(shape, value, value.longValue(), path, errors);
  }

  private static void checkNumber(Shape shape, JsonNode value, String path, List<String> errors) {
    if (!value.isNumber()) {
      errors.add(violation(value, path, "Member must be a number"));
      return;
    }
    checkRange(shape, value, value.doubleValue(), path, errors);
  }

  private static void checkRange(Shape shape, JsonNode value, double number, String path, List<String> errors) {
    if (shape.min().isPresent() && number < shape.min().getAsDouble()) {
      errors.add(violation(value, path, "Member must have value greater than or equal to " + format(shape.min().getAsDouble())));
    }
    if (shape.max().isPresent() && number > shape.max().getAsDouble()) {
      errors.add(violation(value, path, "Member must have value less than or equal to " + format(shape.max().getAsDouble())));
    }
  }

  private static String format(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }

  private static String violation(JsonNode value, String path, String constraint) {
    return "Value " + show(value) + " at '" + path + "' failed to satisfy constraint: " + constraint;
  }

  private static String show(JsonNode value) {
    String text = value.isTextual() ? value.textValue() : value.toString();
    if (text.length() > MAX_SHOWN_VALUE) {
      text = text.substring(0, MAX_SHOWN_VALUE) + "...";
    }
    return value.isTextual() ? "'" + text + "'" : text;
  }

  private static String join(String path, String member) {
    return path.isEmpty() ? member : path + "." + member;
  }
}
