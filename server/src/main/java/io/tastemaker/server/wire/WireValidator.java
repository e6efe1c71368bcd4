package io.tastemaker.server.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * Checks a request body against its shape: types, required members, lengths, ranges, patterns,
 * enums and the kind of resource an ARN member names, the way AWS services do on their side
 * (clients only check {@code min}).
 *
 * <p>Every violation is reported at once, in the AWS wording: {@code 1 validation error detected:
 * Value 'x' at 'name' failed to satisfy constraint: Member must ...}.
 *
 * <p>Numbers must fit the member's type as AWS's JSON protocols decode it: {@code integer} is 32
 * bits, {@code long} 64, both written as whole numbers; {@code float} and {@code double} are finite
 * numbers within their range (botocore sends NaN and infinities as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, which parse but are not finite); a {@code timestamp} is
 * a number of epoch seconds from 1970 to the end of year 9999. Numbers sent as JSON strings are
 * refused, as AWS's protocol tests require.
 */
public final class WireValidator {
  /** The first epoch second after 9999-12-31T23:59:59Z: no timestamp may reach it. */
  public static final long TIMESTAMP_END = 253_402_300_800L;

  /** Epoch seconds of 2001-09-09: a timestamp past year 9999 that is a later time in milliseconds is named as such. */
  private static final long MILLIS_HINT_FROM = 1_000_000_000L;

  private static final int MAX_SHOWN_VALUE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");
  private static final String NEXT_TOKEN = "nextToken";

  private final WireModel model;

  public WireValidator(WireModel model) {
    this.model = model;
  }

  /** One broken constraint: where, and the AWS sentence that says what. */
  private record Violation(String path, String text) {}

  /**
   * Throws {@link ApiException} when {@code body} breaks the shape: InvalidNextTokenException when
   * only {@code nextToken} is wrong (as Personalize answers a bad token), else InvalidInputException.
   */
  public void validate(OperationSpec operation, JsonNode body) {
    List<Violation> errors = new ArrayList<>();
    Shape input = model.shape(operation.service(), operation.inputShape());
    checkStructure(operation.service(), input, body, "", errors);
    if (!errors.isEmpty()) {
      String count = errors.size() == 1 ? "1 validation error" : errors.size() + " validation errors";
      boolean tokenOnly = errors.stream().allMatch(v -> v.path().equals(NEXT_TOKEN));
      throw new ApiException(
          tokenOnly ? ErrorType.INVALID_NEXT_TOKEN : ErrorType.INVALID_INPUT,
          count + " detected: " + String.join("; ", errors.stream().map(Violation::text).toList()));
    }
  }

  private void check(String service, Shape shape, JsonNode value, String path, boolean json, List<Violation> errors) {
    switch (shape.type()) {
      case "structure" -> checkStructure(service, shape, value, path, errors);
      case "list" -> checkList(service, shape, value, path, errors);
      case "map" -> checkMap(service, shape, value, path, errors);
      case "string" -> checkString(shape, value, path, json, errors);
      case "integer" -> checkInteger(shape, value, path, Integer.MIN_VALUE, Integer.MAX_VALUE, errors);
      case "long" -> checkInteger(shape, value, path, Long.MIN_VALUE, Long.MAX_VALUE, errors);
      // A float keeps any number that does not round to an infinity in 32 bits.
      case "float" -> checkDecimal(shape, value, path, d -> Float.isFinite((float) d), Float.toString(Float.MAX_VALUE), errors);
      case "double" -> checkDecimal(shape, value, path, Double::isFinite, Double.toString(Double.MAX_VALUE), errors);
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(violation(value, path, "Member must be a boolean"));
        }
      }
      case "timestamp" -> checkTimestamp(value, path, errors);
      default -> throw new IllegalStateException("unknown shape type " + shape.type());
    }
  }

  private void checkStructure(String service, Shape shape, JsonNode value, String path, List<Violation> errors) {
    if (!value.isObject()) {
      errors.add(violation(value, path.isEmpty() ? "body" : path, "Member must be a JSON object"));
      return;
    }
    for (String required : shape.required()) {
      JsonNode member = value.get(required);
      if (member == null || member.isNull()) {
        String at = join(path, required);
        errors.add(new Violation(at, "Value null at '" + at + "' failed to satisfy constraint: Member must not be null"));
      }
    }
    for (Map.Entry<String, Shape.Member> entry : shape.members().entrySet()) {
      JsonNode member = value.get(entry.getKey());
      if (member != null && !member.isNull()) {
        Shape target = model.shape(service, entry.getValue().target());
        String at = join(path, entry.getKey());
        int before = errors.size();
        check(service, target, member, at, entry.getValue().jsonValue(), errors);
        if (errors.size() == before) {
          checkArnKinds(entry.getKey(), member, at, errors);
        }
      }
    }
  }

  /** An ARN member (or list of ARNs) must name a resource of its kind. */
  private static void checkArnKinds(String member, JsonNode value, String path, List<Violation> errors) {
    Set<String> kinds = ArnMembers.kinds(member);
    if (kinds.isEmpty()) {
      return;
    }
    List<JsonNode> arns = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(arns::add);
    } else {
      arns.add(value);
    }
    for (int i = 0; i < arns.size(); i++) {
      JsonNode arn = arns.get(i);
      if (arn.isTextual() && !ArnMembers.fits(member, arn.textValue())) {
        String at = value.isArray() ? path + "." + (i + 1) + ".member" : path;
        String kind = kinds.size() == 1 ? "a " + kinds.iterator().next() : "one of " + new TreeSet<>(kinds);
        errors.add(violation(arn, at, "Member must be the ARN of " + kind));
      }
    }
  }

  private void checkList(String service, Shape shape, JsonNode value, String path, List<Violation> errors) {
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
        errors.add(new Violation(at, "Value null at '" + at + "' failed to satisfy constraint: Member must not be null"));
      } else {
        check(service, element, item, at, false, errors);
      }
    }
  }

  private void checkMap(String service, Shape shape, JsonNode value, String path, List<Violation> errors) {
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
        errors.add(new Violation(at, "Value null at '" + at + "' failed to satisfy constraint: Member must not be null"));
      } else {
        check(service, valueShape, entry.getValue(), at, false, errors);
      }
    }
  }

  private static void checkSize(Shape shape, JsonNode value, int size, String path, List<Violation> errors) {
    if (shape.min().isPresent() && size < shape.min().getAsDouble()) {
      errors.add(violation(value, path, "Member must have length greater than or equal to " + (long) shape.min().getAsDouble()));
    }
    if (shape.max().isPresent() && size > shape.max().getAsDouble()) {
      errors.add(violation(value, path, "Member must have length less than or equal to " + (long) shape.max().getAsDouble()));
    }
  }

  private static void checkString(Shape shape, JsonNode value, String path, boolean json, List<Violation> errors) {
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
    // PostgreSQL's text types cannot hold U+0000, so an id with it could be stored by SQLite only;
    // refused on both, the same request gets the same answer whatever the database.
    if (text.indexOf('\u0000') >= 0) {
      errors.add(violation(value, path, "Member must not contain the character U+0000 (NUL)"));
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

  /** A whole number that fits the type ({@code typeMin..typeMax}), then the model's range. */
  private static void checkInteger(Shape shape, JsonNode value, String path, long typeMin, long typeMax, List<Violation> errors) {
    long low = shape.min().isPresent() ? Math.max(typeMin, (long) Math.ceil(shape.min().getAsDouble())) : typeMin;
    long high = shape.max().isPresent() ? Math.min(typeMax, (long) Math.floor(shape.max().getAsDouble())) : typeMax;
    // Only integral nodes are turned into BigIntegers: their digits are bounded by the parser's number length limit.
    if (!value.isIntegralNumber() || !fits(value.bigIntegerValue(), typeMin, typeMax)) {
      errors.add(violation(value, path, "Member must be an integer between " + low + " and " + high));
      return;
    }
    checkRange(shape, value, value.longValue(), path, errors);
  }

  private static boolean fits(BigInteger value, long min, long max) {
    return value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0;
  }

  /** A finite number the type holds ({@code fitsType}, up to {@code largestText} in magnitude), then the model's range. */
  private static void checkDecimal(Shape shape, JsonNode value, String path, DoublePredicate fitsType, String largestText, List<Violation> errors) {
    boolean number = value.isNumber() || (value.isTextual() && NON_FINITE.contains(value.textValue()));
    double d = value.isNumber() ? value.doubleValue() : Double.NaN;
    if (!number || !Double.isFinite(d) || !fitsType.test(d)) {
      String bounds =
          "between " + (shape.min().isPresent() ? format(shape.min().getAsDouble()) : "-" + largestText)
              + " and " + (shape.max().isPresent() ? format(shape.max().getAsDouble()) : largestText);
      errors.add(violation(value, path, "Member must be a finite number " + bounds));
      return;
    }
    checkRange(shape, value, d, path, errors);
  }

  /**
   * Epoch seconds, fractions allowed, from 0 (1970-01-01) to the end of year 9999, the range
   * Personalize's timestamps (event times, TIMESTAMP columns) are documented in; a value a thousand
   * times too large is named as milliseconds.
   */
  private static void checkTimestamp(JsonNode value, String path, List<Violation> errors) {
    double seconds = value.isNumber() ? value.doubleValue() : Double.NaN;
    if (!value.isNumber() || !(seconds >= 0 && seconds < TIMESTAMP_END)) {
      boolean millis = seconds / 1000 >= MILLIS_HINT_FROM && seconds / 1000 < TIMESTAMP_END;
      String hint = millis ? " (" + value + " looks like milliseconds)" : "";
      errors.add(violation(value, path,
          "Member must be a timestamp in epoch seconds between 0 (1970-01-01T00:00:00Z) and " + (TIMESTAMP_END - 1) + " (9999-12-31T23:59:59Z)" + hint));
    }
  }

  private static void checkRange(Shape shape, JsonNode value, double number, String path, List<Violation> errors) {
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

  private static Violation violation(JsonNode value, String path, String constraint) {
    return new Violation(path, "Value " + show(value) + " at '" + path + "' failed to satisfy constraint: " + constraint);
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
