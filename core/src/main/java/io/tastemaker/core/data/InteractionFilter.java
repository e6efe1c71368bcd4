package io.tastemaker.core.data;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Which interactions a solution trains on: only one event type when {@code eventType} is set, only
 * events whose value reaches {@code eventValueThreshold} when that is set (events without a value are
 * then left out), and every interaction otherwise.
 */
public record InteractionFilter(Optional<String> eventType, OptionalDouble eventValueThreshold) {
  public static final InteractionFilter ALL = new InteractionFilter(Optional.empty(), OptionalDouble.empty());

  public boolean accepts(String type, double value) {
    if (eventType.isPresent() && !eventType.get().equals(type)) {
      return false;
    }
    return eventValueThreshold.isEmpty() || (!Double.isNaN(value) && value >= eventValueThreshold.getAsDouble());
  }
}
