package io.tastemaker.server.solutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.data.EventParameters;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads {@code eventsConfig}: at most 10 {@code eventParametersList} entries, each naming a distinct
 * event type, with an optional finite {@code eventValueThreshold} and a {@code weight} from 0 to 1
 * (1 when absent); at least one weight must be above 0.
 */
public final class EventsConfigMember {
  static final int MAX_TYPES = 10;

  private EventsConfigMember() {}

  /**
   * The event parameters of an {@code eventsConfig}, empty when it is absent or lists nothing.
   *
   * @param where the member's path in errors, such as {@code solutionConfig.eventsConfig}
   */
  public static List<EventParameters> parse(JsonNode eventsConfig, String where) {
    if (eventsConfig == null || eventsConfig.isNull()) {
      return List.of();
    }
    JsonNode list = eventsConfig.get("eventParametersList");
    if (list == null || list.isNull()) {
      return List.of();
    }
    String path = where + ".eventParametersList";
    if (!list.isArray()) {
      throw ApiException.invalidInput(path + " must be a list, got " + list);
    }
    if (list.size() > MAX_TYPES) {
      throw ApiException.invalidInput(path + " may list at most " + MAX_TYPES + " event types, got " + list.size());
    }
    List<EventParameters> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < list.size(); k++) {
      JsonNode entry = list.get(k);
      String at = path + "[" + k + "]";
      JsonNode type = entry.get("eventType");
      if (type == null || !type.isTextual() || type.asText().isEmpty()) {
        throw ApiException.invalidInput(at + ".eventType is required, got " + (type == null ? "nothing" : type));
      }
      if (!seen.add(type.asText())) {
        throw ApiException.invalidInput(at + ".eventType lists " + type.asText() + " a second time; give each event type once");
      }
      OptionalDouble threshold = OptionalDouble.empty();
      JsonNode t = entry.get("eventValueThreshold");
      if (t != null && !t.isNull()) {
        if (!t.isNumber() || !Double.isFinite(t.asDouble())) {
          throw ApiException.invalidInput(at + ".eventValueThreshold must be a finite number, got " + t);
        }
        threshold = OptionalDouble.of(t.asDouble());
      }
      double weight = 1;
      JsonNode w = entry.get("weight");
      if (w != null && !w.isNull()) {
        if (!w.isNumber() || !(w.asDouble() >= 0 && w.asDouble() <= 1)) {
          throw ApiException.invalidInput(at + ".weight must be a number from 0 to 1, got " + w);
        }
        weight = w.asDouble();
      }
      out.add(new EventParameters(type.asText(), threshold, weight));
    }
    if (!out.isEmpty() && out.stream().allMatch(p -> p.weight() == 0)) {
      throw ApiException.invalidInput(path + " gives every event type weight 0, which leaves nothing to train on; give at least one a weight above 0");
    }
    return List.copyOf(out);
  }
}
