package io.tastemaker.core.tuning;

import io.tastemaker.core.recipe.HyperParameter;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The values hyperparameter optimisation may try for one tunable hyperparameter: whole numbers or
 * reals between {@code min} and {@code max}, or one of {@code values}.
 */
public record TuningRange(String name, HyperParameter.Kind kind, double min, double max, List<String> values) {
  public TuningRange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    values = List.copyOf(values);
    if (kind == HyperParameter.Kind.CATEGORICAL ? values.isEmpty() : min > max) {
      throw new IllegalArgumentException("the range of " + name + " is empty");
    }
  }

  /** The whole documented range of a tunable hyperparameter. */
  public static TuningRange of(HyperParameter p) {
    return new TuningRange(p.name(), p.kind(), p.min(), p.max(), p.values());
  }

  /** A value drawn uniformly from the range, in the form hyperparameters are written. */
  String draw(SplittableRandom random) {
    return switch (kind) {
      case INTEGER -> Long.toString((long) min + random.nextLong((long) max - (long) min + 1));
      case CONTINUOUS -> Double.toString(min + random.nextDouble() * (max - min));
      case CATEGORICAL -> values.get(random.nextInt(values.size()));
    };
  }
}
