package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.Shape;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Number mutations: typed members at and past the limits of int, long and double and of the model's
 * ranges, and the numbers the API carries in strings (hyperparameters, exploration settings), each
 * saying whether a server must refuse the value.
 */
final class NumberFaults {
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

  private final RequestGenerator generator;
  private final List<String> hyperparameters = RequestGenerator.hyperparameterNames();

  NumberFaults(RequestGenerator generator) {
    this.generator = generator;
  }

  /** A hyperparameter or exploration setting at a limit, for the operations that take them. */
  Mutator.Change hyperparameterLimits(OperationSpec op, ObjectNode body, SplittableRandom random) {
    String value = Mutator.pick(NUMBER_STRINGS, random);
    return new Mutator.Change(hyperparameterSetting(op, body, value, random), NEVER_A_SETTING.contains(value));
  }

  /** A number member (or a number in a string) at or past a limit, or such a member added, or a number where a string goes. */
  Mutator.Change numberLimits(OperationSpec op, ObjectNode body, List<Site> sites, SplittableRandom random, RawTokens raw) {
    List<Site> numbers = sites.stream().filter(s -> isNumber(s.shape()) || (s.shape().type().equals("string") && isNumeric(s.get().asText()))).toList();
    Shape input = generator.shape(op, op.inputShape());
    List<String> absent = input.members().keySet().stream().filter(m -> !body.has(m) && isNumber(generator.shape(op, input.members().get(m).target()))).sorted().toList();
    String token = Mutator.pick(NUMBER_TOKENS, random);
    if (numbers.isEmpty() && absent.isEmpty()) {
      return new Mutator.Change(Mutator.pick(Mutator.strings(sites), random).replace(raw.token(token)) + " (a number where a string goes)", true);
    }
    if (numbers.isEmpty() || (!absent.isEmpty() && random.nextBoolean())) {
      String member = Mutator.pick(absent, random);
      body.set(member, raw.token(token));
      return new Mutator.Change(member + "=" + token, outOfRange(generator.shape(op, input.members().get(member).target()), token));
    }
    Site s = Mutator.pick(numbers, random);
    if (s.shape().type().equals("string")) {
      String value = Mutator.pick(NUMBER_STRINGS, random);
      return new Mutator.Change(s.replace(NODES.textNode(value)), NEVER_A_SETTING.contains(value));
    }
    if (random.nextInt(5) == 0) {
      String quoted = "\"" + Mutator.pick(NUMBER_STRINGS, random) + "\"";
      s.replace(raw.token(quoted));
      return new Mutator.Change(s.path() + "=" + quoted + " (a string where a number goes)", true);
    }
    s.replace(raw.token(token));
    return new Mutator.Change(s.path() + "=" + token, outOfRange(s.shape(), token));
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
  private String hyperparameterSetting(OperationSpec op, ObjectNode body, String value, SplittableRandom random) {
    switch (op.name()) {
      case "CreateSolution" -> {
        String name = Mutator.pick(hyperparameters, random);
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
}
