package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.Shape;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns a valid request into a spoiled one. Member mutations walk the request with its wire-model
 * shapes to find a place of the right kind (a number, a string, an ARN, a list) and say whether the
 * model obliges a server to refuse the result; the framing ones are {@link WireFaults}. Values JSON
 * nodes cannot hold (1e400, a lone surrogate, an array 100,000 deep) go in as placeholders replaced in
 * the serialised text.
 */
final class Mutator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Numbers at and past the limits of int, long and double, as JSON tokens. */
  static final List<String> NUMBER_TOKENS = List.of(
      "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
      "1e400", "-1e400", "1e-400", "-1", "0", "-0.0", "1.5", "1E2", "100000000000000000000000000000000000000000");
  /** Numbers written as strings, as hyperparameters carry them. */
  static final List<String> NUMBER_STRINGS = List.of(
      "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1e400", "-1", "0", "NaN", "Infinity", "-Infinity",
      "1.5", "", " 3", "3abc", "0x10", "１２", "1e-400");
  /** The number strings no hyperparameter of any recipe takes. */
  private static final Set<String> NEVER_A_SETTING = Set.of(
      "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1e400", "NaN", "Infinity", "-Infinity", "", " 3", "3abc", "0x10", "１２");
  private static final List<String> UNICODE = List.of(
      "用户-😀", "\u202Eevil\u202C", "e\u0301\u0301\u0301", "\uFEFFbom", "zero\u200Bwidth", "Å-Å", "٣", "𝟘𝟙", "ﷺ", "aaa\uD83D\uDE00");
  private static final List<String> CONTROL = List.of("a\u0000b", "line\nbreak", "cr\r\nlf", "\u001b[31mred", "del\u007f", "tab\tbed", "\u0001\u0002");
  private static final List<String> BAD_ARNS = List.of(
      "arn:aws:personalize:us-east-1:000000000000:dataset-group/",
      "arn:aws:personalize:us-east-1:999999999999:dataset-group/rb-fixture",
      "arn:aws:personalize:eu-west-1:000000000000:campaign/rb-fixture-hrnn",
      "arn:aws:personalize:::recipe/aws-hrnn",
      "arn:aws:s3:::bucket/key",
      "arn:aws:personalize:us-east-1:000000000000:dataset-group/../../../etc/passwd",
      "arn:aws:personalize:us-east-1:000000000000:solution/rb-fixture-hrnn/../../x",
      "arn:aws:personalize:us-east-1:000000000000:campaign/" + "a".repeat(220),
      "arn:aws:personalize:us-east-1:000000000000:solution/a/b/c/d",
      "arn:aws:personalize:us-east-1:000000000000:dataset/rb-fixture/NOTATYPE",
      "arn:aws:personalize:us-east-1:000000000000:%2e%2e/x",
      "arn:aws:personalize:us-east-1:000000000000:filter/x%00y");

  private final RequestGenerator generator;
  private final ArnPool pool;
  private final List<String> hyperparameters = RequestGenerator.hyperparameterNames();

  Mutator(RequestGenerator generator, ArnPool pool) {
    this.generator = generator;
    this.pool = pool;
  }

  /**
   * A place in a request: the parent node, the member name or map key (or list index), its shape and
   * path, whether it is a structure's member (not a list element or map entry) and whether it must be
   * present (or, for elements and entries, must not be null).
   */
  private record Site(JsonNode parent, String field, int index, Shape shape, String path, boolean member, boolean required) {
    void set(JsonNode value) {
      if (parent instanceof ObjectNode o) {
        o.set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    JsonNode get() {
      return parent instanceof ObjectNode o ? o.get(field) : parent.get(index);
    }
  }

  /** What a member mutation did, and whether the model obliges a server to refuse it. */
  private record Change(String detail, boolean refuse) {}

  /** The placeholders of one mutation and the raw JSON that replaces each, quotes included. */
  private static final class RawTokens {
    private final Map<String, String> raw = new LinkedHashMap<>();

    JsonNode token(String json) {
      String key = "__raw_" + raw.size() + "__";
      raw.put("\"" + key + "\"", json);
      return NODES.textNode(key);
    }

    byte[] serialise(JsonNode body) {
      String text = new String(Json.bytes(body), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> e : raw.entrySet()) {
        text = text.replace(e.getKey(), e.getValue());
      }
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The mutations that mean something for this operation. */
  List<Mutation> applicable(OperationSpec op) {
    Shape input = generator.shape(op, op.inputShape());
    List<Mutation> out = new ArrayList<>(List.of(Mutation.values()));
    if (!List.of("CreateSolution", "CreateCampaign", "UpdateCampaign", "CreateBatchInferenceJob").contains(op.name())) {
      out.remove(Mutation.HYPERPARAMETER_LIMITS);
    }
    if (input.required().isEmpty()) {
      out.remove(Mutation.MISSING_REQUIRED);
    }
    if (!hasShape(op, input, s -> s.type().equals("list") || s.type().equals("map"), 0)) {
      out.remove(Mutation.LIST_SIZE);
    }
    if (!hasShape(op, input, s -> s.name().equals("Arn"), 0)) {
      out.remove(Mutation.WRONG_KIND_ARN);
    }
    return out;
  }

  private boolean hasShape(OperationSpec op, Shape shape, Predicate<Shape> test, int depth) {
    if (test.test(shape)) {
      return true;
    }
    if (depth > 6) {
      return false;
    }
    List<String> inner = new ArrayList<>();
    shape.members().values().forEach(m -> inner.add(m.target()));
    shape.element().ifPresent(inner::add);
    return inner.stream().anyMatch(name -> hasShape(op, generator.shape(op, name), test, depth + 1));
  }

  /** The valid call spoiled by {@code mutation}. */
  HttpCall mutate(HttpCall call, OperationSpec op, ObjectNode valid, Mutation mutation, SplittableRandom random) {
    ObjectNode body = valid.deepCopy();
    switch (mutation) {
      case VALID -> {
        return call;
      }
      case MALFORMED_JSON -> {
        return WireFaults.malformed(call, Json.bytes(body), random);
      }
      case EMPTY_BODY -> {
        return call.withBody(new byte[0], mutation, "", !generator.shape(op, op.inputShape()).required().isEmpty());
      }
      case WRONG_CONTENT_TYPE -> {
        return WireFaults.contentType(call, random);
      }
      case UNKNOWN_TARGET -> {
        return WireFaults.unknownTarget(call, op, random);
      }
      case OVERSIZED_BODY -> {
        int size = pick(List.of((1 << 20) + 1, 2 << 20, 9 << 20), random);
        body.put("padding", "a".repeat(size));
        return call.withBody(Json.bytes(body), mutation, "a " + size + "-character member", true);
      }
      default -> {
        RawTokens raw = new RawTokens();
        List<Site> sites = sites(op, body);
        // Optional members are added until the request has a place this mutation can spoil.
        for (int attempt = 0; sites.stream().noneMatch(needs(mutation)) && attempt < 200; attempt++) {
          addAbsent(body, generator.structure(op, generator.shape(op, op.inputShape()), random, true));
          sites = sites(op, body);
        }
        Change change = change(op, body, sites, mutation, random, raw);
        return call.withBody(raw.serialise(body), mutation, change.detail(), change.refuse());
      }
    }
  }

  /** Copies the members of {@code from} that {@code to} lacks, at every depth. */
  private static void addAbsent(ObjectNode to, ObjectNode from) {
    for (String name : names(from)) {
      JsonNode have = to.get(name);
      if (have == null) {
        to.set(name, from.get(name));
      } else if (have instanceof ObjectNode inner && from.get(name) instanceof ObjectNode more) {
        addAbsent(inner, more);
      }
    }
  }

  /** The sites a mutation works on. */
  private static Predicate<Site> needs(Mutation mutation) {
    return switch (mutation) {
      case MISSING_REQUIRED -> s -> s.member() && s.required();
      case LIST_SIZE -> s -> s.shape().type().equals("list") || s.shape().type().equals("map");
      case WRONG_KIND_ARN -> s -> s.shape().name().equals("Arn");
      default -> s -> true;
    };
  }

  private Change change(OperationSpec op, ObjectNode body, List<Site> sites, Mutation mutation, SplittableRandom random, RawTokens raw) {
    switch (mutation) {
      case MISSING_REQUIRED -> {
        Site s = pick(sites.stream().filter(needs(mutation)).toList(), random);
        ((ObjectNode) s.parent()).remove(s.field());
        return new Change("without " + s.path(), true);
      }
      case NULL_MEMBER -> {
        List<Site> required = sites.stream().filter(Site::required).toList();
        Site s = pick(required.isEmpty() || random.nextInt(4) == 0 ? sites : required, random);
        return new Change(set(s, NODES.nullNode()), s.required());
      }
      case WRONG_TYPE -> {
        Site s = pick(sites, random);
        return new Change(set(s, wrongType(s.shape(), random, raw)), true);
      }
      case NUMBER_LIMITS -> {
        return numberLimits(op, body, sites, random, raw);
      }
      case HYPERPARAMETER_LIMITS -> {
        String value = pick(NUMBER_STRINGS, random);
        return new Change(hyperparameterLimits(op, body, value, random), NEVER_A_SETTING.contains(value));
      }
      case HUGE_STRING -> {
        Site s = pick(strings(sites), random);
        String value = random.nextBoolean() ? "x".repeat(300_000) : "é".repeat(150_000);
        return new Change(set(s, NODES.textNode(value)), breaks(s.shape(), value));
      }
      case UNICODE -> {
        Site s = pick(strings(sites), random);
        if (random.nextInt(4) == 0) {
          set(s, raw.token("\"lone\\ud800surrogate\""));
          return new Change(s.path() + "=\"lone\\ud800surrogate\"", breaks(s.shape(), "lone?surrogate"));
        }
        String value = pick(UNICODE, random);
        return new Change(set(s, NODES.textNode(value)), breaks(s.shape(), value));
      }
      case CONTROL_CHARACTERS -> {
        Site s = pick(strings(sites), random);
        String value = pick(CONTROL, random);
        return new Change(set(s, NODES.textNode(value)), breaks(s.shape(), value));
      }
      case DEEP_NESTING -> {
        int depth = pick(List.of(1_000, 10_000, 100_000), random);
        boolean arrays = random.nextBoolean();
        Site s = pick(sites, random);
        set(s, raw.token(arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
        return new Change(s.path() + " nested " + depth + (arrays ? " arrays" : " objects") + " deep", true);
      }
      case WRONG_KIND_ARN -> {
        return wrongArn(op, sites, random);
      }
      case LIST_SIZE -> {
        return listSize(sites, random);
      }
      case OPTIONAL_MEMBERS -> {
        ObjectNode full = generator.structure(op, generator.shape(op, op.inputShape()), random, true);
        List<String> added = new ArrayList<>();
        for (String name : names(full)) {
          if (!body.has(name)) {
            body.set(name, full.get(name));
            added.add(name);
          }
        }
        return new Change("added " + added, false);
      }
      case UNKNOWN_MEMBER -> {
        body.put(random.nextBoolean() ? "fuzzUnknown" : "__proto__", random.nextBoolean() ? "x" : "{}");
        return new Change("an unknown member", false);
      }
      default -> throw new IllegalStateException("not a member mutation: " + mutation);
    }
  }

  /** Every member present in the request, with its shape. */
  private List<Site> sites(OperationSpec op, ObjectNode body) {
    List<Site> out = new ArrayList<>();
    walk(op, body, generator.shape(op, op.inputShape()), "", out);
    return out;
  }

  private void walk(OperationSpec op, JsonNode node, Shape shape, String path, List<Site> out) {
    switch (shape.type()) {
      case "structure" -> {
        for (String name : new TreeSet<>(shape.members().keySet())) {
          if (node.has(name)) {
            Shape target = generator.shape(op, shape.members().get(name).target());
            String where = path.isEmpty() ? name : path + "." + name;
            out.add(new Site(node, name, -1, target, where, true, shape.required().contains(name)));
            walk(op, node.get(name), target, where, out);
          }
        }
      }
      case "list" -> {
        Shape element = generator.shape(op, shape.element().orElseThrow());
        for (int i = 0; i < node.size(); i++) {
          out.add(new Site(node, null, i, element, path + "[" + i + "]", false, true));
          walk(op, node.get(i), element, path + "[" + i + "]", out);
        }
      }
      case "map" -> {
        Shape value = generator.shape(op, shape.element().orElseThrow());
        for (String key : names(node)) {
          out.add(new Site(node, key, -1, value, path + "." + key, false, true));
        }
      }
      default -> {
        // A scalar: nothing inside.
      }
    }
  }

  /** Whether a string value breaks its shape's length or pattern. */
  private static boolean breaks(Shape shape, String value) {
    int length = value.length();
    return (shape.max().isPresent() && length > shape.max().getAsDouble())
        || (shape.min().isPresent() && length < shape.min().getAsDouble())
        || shape.pattern().map(p -> !p.matcher(value).matches()).orElse(false)
        || (!shape.allowed().isEmpty() && !shape.allowed().contains(value));
  }

  private static List<Site> strings(List<Site> sites) {
    List<Site> strings = sites.stream().filter(s -> s.shape().type().equals("string")).toList();
    return strings.isEmpty() ? sites : strings;
  }

  private static String set(Site site, JsonNode value) {
    site.set(value);
    String shown = value.isTextual() ? value.asText() : value.toString();
    return site.path() + "=" + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown);
  }

  private static JsonNode wrongType(Shape shape, SplittableRandom random, RawTokens raw) {
    List<JsonNode> choices = switch (shape.type()) {
      case "string" -> List.of(NODES.numberNode(42), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode().add("x"));
      case "integer", "long", "float", "double", "timestamp" -> List.of(NODES.textNode("42"), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode(),
          NODES.textNode("2024-01-01T00:00:00Z"));
      case "boolean" -> List.of(NODES.textNode("true"), NODES.numberNode(1), NODES.arrayNode());
      case "structure" -> List.of(NODES.textNode("x"), NODES.arrayNode().add(NODES.objectNode()), NODES.numberNode(1));
      case "list" -> List.of(NODES.textNode("x"), NODES.objectNode(), NODES.numberNode(1));
      case "map" -> List.of(NODES.arrayNode(), NODES.textNode("x"), raw.token("{\"k\": {\"nested\": 1}}"));
      default -> List.of(NODES.numberNode(0));
    };
    return pick(choices, random);
  }

  private Change numberLimits(OperationSpec op, ObjectNode body, List<Site> sites, SplittableRandom random, RawTokens raw) {
    List<Site> numbers = sites.stream().filter(s -> isNumber(s.shape()) || (s.shape().type().equals("string") && isNumeric(s.get().asText()))).toList();
    Shape input = generator.shape(op, op.inputShape());
    List<String> absent = input.members().keySet().stream().filter(m -> !body.has(m) && isNumber(generator.shape(op, input.members().get(m).target()))).sorted().toList();
    String token = pick(NUMBER_TOKENS, random);
    if (numbers.isEmpty() && absent.isEmpty()) {
      return new Change(set(pick(strings(sites), random), raw.token(token)) + " (a number where a string goes)", true);
    }
    if (numbers.isEmpty() || (!absent.isEmpty() && random.nextBoolean())) {
      String member = pick(absent, random);
      body.set(member, raw.token(token));
      return new Change(member + "=" + token, outOfRange(generator.shape(op, input.members().get(member).target()), token));
    }
    Site s = pick(numbers, random);
    if (s.shape().type().equals("string")) {
      String value = pick(NUMBER_STRINGS, random);
      return new Change(set(s, NODES.textNode(value)), NEVER_A_SETTING.contains(value));
    }
    if (random.nextInt(5) == 0) {
      String quoted = "\"" + pick(NUMBER_STRINGS, random) + "\"";
      s.set(raw.token(quoted));
      return new Change(s.path() + "=" + quoted + " (a string where a number goes)", true);
    }
    s.set(raw.token(token));
    return new Change(s.path() + "=" + token, outOfRange(s.shape(), token));
  }

  /** Whether a number token is outside what its shape holds: the type's range, a whole number for integers, the model's min and max. */
  private static boolean outOfRange(Shape shape, String token) {
    BigDecimal value = new BigDecimal(token);
    boolean whole = value.stripTrailingZeros().scale() <= 0;
    boolean beyond = switch (shape.type()) {
      case "integer" -> !whole || value.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 && value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) != 0;
      case "long" -> !whole || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0;
      // Seconds since 1970 past the year 5000 are no date anyone sends.
      case "timestamp" -> value.abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0;
      default -> value.abs().compareTo(BigDecimal.valueOf(Double.MAX_VALUE)) > 0;
    };
    double v = value.doubleValue();
    return beyond || (shape.min().isPresent() && v < shape.min().getAsDouble()) || (shape.max().isPresent() && v > shape.max().getAsDouble());
  }

  private static boolean isNumber(Shape shape) {
    return List.of("integer", "long", "float", "double", "timestamp").contains(shape.type());
  }

  private static boolean isNumeric(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A recipe hyperparameter (or an exploration setting) at a limit, written as the string the API carries; for solutions HPO settings too. */
  private String hyperparameterLimits(OperationSpec op, ObjectNode body, String value, SplittableRandom random) {
    switch (op.name()) {
      case "CreateSolution" -> {
        String name = pick(hyperparameters, random);
        ObjectNode config = body.has("solutionConfig") ? (ObjectNode) body.get("solutionConfig") : body.putObject("solutionConfig");
        if (random.nextInt(3) > 0) {
          ObjectNode knobs = config.has("algorithmHyperParameters") ? (ObjectNode) config.get("algorithmHyperParameters") : config.putObject("algorithmHyperParameters");
          knobs.put(name, value);
          return "solutionConfig.algorithmHyperParameters." + name + "=" + value;
        }
        body.put("performHPO", true);
        ObjectNode hpo = config.putObject("hpoConfig");
        hpo.putObject("hpoResourceConfig").put("maxNumberOfTrainingJobs", value).put("maxParallelTrainingJobs", value);
        ObjectNode ranges = hpo.putObject("algorithmHyperParameterRanges");
        ranges.putArray("integerHyperParameterRanges").addObject().put("name", name).put("minValue", -1_000_000).put("maxValue", 1_000_000);
        return "performHPO, maxNumberOfTrainingJobs=maxParallelTrainingJobs=" + value + ", " + name + " in [-1000000, 1000000]";
      }
      case "CreateCampaign", "UpdateCampaign" -> {
        String name = random.nextBoolean() ? "exploration_weight" : "exploration_item_age_cut_off";
        body.putObject("campaignConfig").putObject("itemExplorationConfig").put(name, value);
        return "campaignConfig.itemExplorationConfig." + name + "=" + value;
      }
      default -> {
        String name = random.nextBoolean() ? "exploration_weight" : "exploration_item_age_cut_off";
        body.putObject("batchInferenceJobConfig").putObject("itemExplorationConfig").put(name, value);
        return "batchInferenceJobConfig.itemExplorationConfig." + name + "=" + value;
      }
    }
  }

  private Change wrongArn(OperationSpec op, List<Site> sites, SplittableRandom random) {
    Site s = pick(sites.stream().filter(needs(Mutation.WRONG_KIND_ARN)).toList(), random);
    String kind = s.member() ? ArnPool.kindOfMember(s.field()).orElse("none") : "none";
    List<String> others = pool.otherKinds(kind);
    String value = random.nextBoolean() || others.isEmpty() ? pick(BAD_ARNS, random) : pick(others, random);
    // A List filter naming a resource that is not there may answer an empty list; resourceArn takes
    // any kind, so only a malformed or foreign one must be refused there.
    boolean refuse = !op.name().startsWith("List") && (!kind.equals("none") || BAD_ARNS.contains(value));
    return new Change(set(s, NODES.textNode(value)), refuse);
  }

  private Change listSize(List<Site> sites, SplittableRandom random) {
    Site s = pick(sites.stream().filter(needs(Mutation.LIST_SIZE)).toList(), random);
    JsonNode current = s.get();
    double min = s.shape().min().orElse(0);
    List<Integer> sizes = new ArrayList<>(List.of(10_000));
    s.shape().max().ifPresent(max -> sizes.add((int) max + 1));
    if (min > 0) {
      sizes.add(0);
    }
    int size = pick(sizes, random);
    JsonNode sample = current.elements().hasNext() ? current.elements().next() : NODES.textNode("v");
    if (s.shape().type().equals("map")) {
      ObjectNode map = NODES.objectNode();
      for (int i = 0; i < size; i++) {
        map.set("k" + i, sample.deepCopy());
      }
      s.set(map);
    } else {
      ArrayNode list = NODES.arrayNode();
      for (int i = 0; i < size; i++) {
        list.add(sample.deepCopy());
      }
      s.set(list);
    }
    boolean refuse = size < min || s.shape().max().isPresent() && size > s.shape().max().getAsDouble();
    return new Change(s.path() + " with " + size + " entries (model: " + (int) min + " to " + (s.shape().max().isPresent() ? (int) s.shape().max().getAsDouble() : "no limit") + ")", refuse);
  }

  private static TreeSet<String> names(JsonNode object) {
    TreeSet<String> names = new TreeSet<>();
    object.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

  private static <T> T pick(List<T> list, SplittableRandom random) {
    return list.get(random.nextInt(list.size()));
  }
}
