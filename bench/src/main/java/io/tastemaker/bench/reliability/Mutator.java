package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Turns a valid request into a spoiled one. Member mutations walk the request with its wire-model
 * shapes to find a place of the right kind (a number, a string, an ARN, a list) and say whether the
 * model obliges a server to refuse the result; numbers are {@link NumberFaults}, the framing ones
 * {@link WireFaults}, and values JSON nodes cannot hold go in through {@link RawTokens}.
 */
final class Mutator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
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
  private final NumberFaults numbers;

  Mutator(RequestGenerator generator, ArnPool pool) {
    this.generator = generator;
    this.pool = pool;
    this.numbers = new NumberFaults(generator);
  }

  /** What a member mutation did, and whether the model obliges a server to refuse it. */
  record Change(String detail, boolean refuse) {}

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
        List<Site> sites = RequestSites.of(generator, op, body);
        // Optional members are added until the request has a place this mutation can spoil.
        for (int attempt = 0; sites.stream().noneMatch(needs(mutation)) && attempt < 200; attempt++) {
          RequestSites.addAbsent(body, generator.structure(op, generator.shape(op, op.inputShape()), random, true));
          sites = RequestSites.of(generator, op, body);
        }
        Change change = change(op, body, sites, mutation, random, raw);
        return call.withBody(raw.serialise(body), mutation, change.detail(), change.refuse());
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
        return new Change(s.replace(NODES.nullNode()), s.required());
      }
      case WRONG_TYPE -> {
        Site s = pick(sites, random);
        return new Change(s.replace(wrongType(s.shape(), random, raw)), true);
      }
      case NUMBER_LIMITS -> {
        return numbers.numberLimits(op, body, sites, random, raw);
      }
      case HYPERPARAMETER_LIMITS -> {
        return numbers.hyperparameterLimits(op, body, random);
      }
      case HUGE_STRING -> {
        Site s = pick(strings(sites), random);
        String value = random.nextBoolean() ? "x".repeat(300_000) : "é".repeat(150_000);
        return new Change(s.replace(NODES.textNode(value)), breaks(s.shape(), value));
      }
      case UNICODE -> {
        Site s = pick(strings(sites), random);
        if (random.nextInt(4) == 0) {
          s.replace(raw.token("\"lone\\ud800surrogate\""));
          return new Change(s.path() + "=\"lone\\ud800surrogate\"", breaks(s.shape(), "lone?surrogate"));
        }
        String value = pick(UNICODE, random);
        return new Change(s.replace(NODES.textNode(value)), breaks(s.shape(), value));
      }
      case CONTROL_CHARACTERS -> {
        Site s = pick(strings(sites), random);
        String value = pick(CONTROL, random);
        return new Change(s.replace(NODES.textNode(value)), breaks(s.shape(), value));
      }
      case DEEP_NESTING -> {
        int depth = pick(List.of(1_000, 10_000, 100_000), random);
        boolean arrays = random.nextBoolean();
        Site s = pick(sites, random);
        s.replace(raw.token(arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
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
        for (String name : RequestSites.names(full)) {
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

  /** Whether a string value breaks its shape's length or pattern. */
  private static boolean breaks(Shape shape, String value) {
    int length = value.length();
    return (shape.max().isPresent() && length > shape.max().getAsDouble())
        || (shape.min().isPresent() && length < shape.min().getAsDouble())
        || shape.pattern().map(p -> !p.matcher(value).matches()).orElse(false)
        || (!shape.allowed().isEmpty() && !shape.allowed().contains(value));
  }

  /** The string sites, or every site when there is none. */
  static List<Site> strings(List<Site> sites) {
    List<Site> strings = sites.stream().filter(s -> s.shape().type().equals("string")).toList();
    return strings.isEmpty() ? sites : strings;
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

  private Change wrongArn(OperationSpec op, List<Site> sites, SplittableRandom random) {
    Site s = pick(sites.stream().filter(needs(Mutation.WRONG_KIND_ARN)).toList(), random);
    String kind = s.member() ? ArnPool.kindOfMember(s.field()).orElse("none") : "none";
    List<String> others = pool.otherKinds(kind);
    String value = random.nextBoolean() || others.isEmpty() ? pick(BAD_ARNS, random) : pick(others, random);
    // A List filter naming a resource that is not there may answer an empty list; resourceArn takes
    // any kind, so only a malformed or foreign one must be refused there.
    boolean refuse = !op.name().startsWith("List") && (!kind.equals("none") || BAD_ARNS.contains(value));
    return new Change(s.replace(NODES.textNode(value)), refuse);
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
      s.replace(map);
    } else {
      ArrayNode list = NODES.arrayNode();
      for (int i = 0; i < size; i++) {
        list.add(sample.deepCopy());
      }
      s.replace(list);
    }
    boolean refuse = size < min || s.shape().max().isPresent() && size > s.shape().max().getAsDouble();
    return new Change(s.path() + " with " + size + " entries (model: " + (int) min + " to " + (s.shape().max().isPresent() ? (int) s.shape().max().getAsDouble() : "no limit") + ")", refuse);
  }

  static <T> T pick(List<T> list, SplittableRandom random) {
    return list.get(random.nextInt(list.size()));
  }
}
