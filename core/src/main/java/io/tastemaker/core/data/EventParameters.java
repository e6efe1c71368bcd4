package io.tastemaker.core.data;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One entry of a solution's {@code eventsConfig}: an event type training uses, the least value its
 * events must have, and its weight against the other listed types.
 *
 * @param eventType the EVENT_TYPE value
 * @param eventValueThreshold the least EVENT_VALUE kept, when set (events without a value are then left out)
 * @param weight from 0 to 1; only the ratios between the listed types' weights matter
 */
public record EventParameters(String eventType, OptionalDouble eventValueThreshold, double weight) {
  public EventParameters {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(eventValueThreshold, "eventValueThreshold");
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("weight must be in [0, 1], got " + weight);
    }
    if (eventValueThreshold.isPresent() && !Double.isFinite(eventValueThreshold.getAsDouble())) {
      throw new IllegalArgumentException("eventValueThreshold must be finite, got " + eventValueThreshold.getAsDouble());
    }
  }

  /** Whether an event of this type with this value (NaN for none) reaches the threshold. */
  public boolean reaches(double value) {
    return eventValueThreshold.isEmpty() || (!Double.isNaN(value) && value >= eventValueThreshold.getAsDouble());
  }
}
