package io.tastemaker.core.recipe;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One documented hyperparameter of a recipe: its type, default and allowed range.
 *
 * @param name the key in {@code algorithmHyperParameters} or {@code featureTransformationParameters}
 * @param kind integer, continuous or categorical
 * @param defaultValue the value used when the solution does not give one
 * @param min smallest allowed value (numeric kinds)
 * @param max largest allowed value (numeric kinds)
 * @param values allowed values (categorical kind)
 * @param tunable whether hyperparameter optimisation may tune it
 * @param stage whether it belongs to the algorithm or to the feature transformation
 */
public record HyperParameter(
    String name, Kind kind, String defaultValue, double min, double max, List<String> values, boolean tunable, Stage stage) {

  // Plain ASCII numbers only: Java's parsers would also take "+5", "NaN", "Infinity", hex floats and "5d".
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?|-?\\.[0-9]+");

  /** The default of a parameter the trainer chooses from the data unless given; also accepted as a value. */
  public static final String AUTO = "auto";

  /** The value types of hyperparameters. */
  public enum Kind {
    INTEGER,
    CONTINUOUS,
    CATEGORICAL
  }

  /** Where a hyperparameter is consumed. */
  public enum Stage {
    ALGORITHM,
    FEATURE_TRANSFORMATION
  }

  public HyperParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(defaultValue, "defaultValue");
    values = List.copyOf(values);
    Objects.requireNonNull(stage, "stage");
  }

  public static HyperParameter integer(String name, int defaultValue, int min, int max, boolean tunable, Stage stage) {
    return new HyperParameter(name, Kind.INTEGER, Integer.toString(defaultValue), min, max, List.of(), tunable, stage);
  }

  public static HyperParameter continuous(String name, double defaultValue, double min, double max, boolean tunable, Stage stage) {
    return new HyperParameter(name, Kind.CONTINUOUS, Double.toString(defaultValue), min, max, List.of(), tunable, stage);
  }

  public static HyperParameter categorical(String name, String defaultValue, List<String> values, boolean tunable, Stage stage) {
    return new HyperParameter(name, Kind.CATEGORICAL, defaultValue, 0, 0, values, tunable, stage);
  }

  /**
   * Checks a value given as a string, as Personalize passes all hyperparameters.
   *
   * @return the value in canonical form
   * @throws IllegalArgumentException naming the parameter, the range and the value
   */
  public String check(String value) {
    String trimmed = value.strip();
    if (defaultValue.equals(AUTO) && trimmed.equalsIgnoreCase(AUTO)) {
      return AUTO;
    }
    switch (kind) {
      case INTEGER -> {
        if (!WHOLE.matcher(trimmed).matches()) {
          throw new IllegalArgumentException(name + " must be an integer in [" + (long) min + ", " + (long) max + "], got " + value);
        }
        long parsed = Long.parseLong(trimmed);
        if (parsed < min || parsed > max) {
          throw new IllegalArgumentException(name + " must be in [" + (long) min + ", " + (long) max + "], got " + value);
        }
        return Long.toString(parsed);
      }
      case CONTINUOUS -> {
        if (!DECIMAL.matcher(trimmed).matches()) {
          throw new IllegalArgumentException(name + " must be a number in [" + min + ", " + max + "], got " + value);
        }
        double parsed = Double.parseDouble(trimmed);
        if (Double.isNaN(parsed) || parsed < min || parsed > max) {
          throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return Double.toString(parsed);
      }
      case CATEGORICAL -> {
        for (String allowed : values) {
          if (allowed.equalsIgnoreCase(trimmed)) {
            return allowed;
          }
        }
        throw new IllegalArgumentException(name + " must be one of " + values + ", got " + value);
      }
      default -> throw new AssertionError(kind);
    }
  }

  /** The checked value as an int; only for integer parameters. */
  public static int asInt(String canonical) {
    return Integer.parseInt(canonical);
  }

  /** The checked value as a double. */
  public static double asDouble(String canonical) {
    return Double.parseDouble(canonical);
  }

  /** The checked value as a boolean, for categorical true/false parameters. */
  public static boolean asBoolean(String canonical) {
    return canonical.toLowerCase(Locale.ROOT).equals("true");
  }
}
