package io.tastemaker.core.data;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which interactions a model trains on: only one event type when {@code eventType} is set (a
 * solution's {@code eventType}, matched exactly), only the event types of {@code eventTypes} when
 * that is not empty (a domain use case's, matched ignoring case), only events whose value reaches
 * {@code eventValueThreshold} when that is set (events without a value are then left out), and
 * every interaction otherwise.
 */
public record InteractionFilter(Optional<String> eventType, OptionalDouble eventValueThreshold, Set<String> eventTypes) {
  public static final InteractionFilter ALL = new InteractionFilter(Optional.empty(), OptionalDouble.empty());

  public InteractionFilter {
    eventTypes = eventTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** A solution's filter: its event type and value threshold. */
  public InteractionFilter(Optional<String> eventType, OptionalDouble eventValueThreshold) {
    this(eventType, eventValueThreshold, Set.of());
  }

  /** Events of these types only, matched ignoring case; every event when {@code types} is empty. */
  public static InteractionFilter ofTypes(Set<String> types) {
    return new InteractionFilter(Optional.empty(), OptionalDouble.empty(), types);
  }

  public boolean accepts(String type, double value) {
    if (eventType.isPresent() && !eventType.get().equals(type)) {
      return false;
    }
    if (!eventTypes.isEmpty() && !eventTypes.contains(type.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return eventValueThreshold.isEmpty() || (!Double.isNaN(value) && value >= eventValueThreshold.getAsDouble());
  }
}
