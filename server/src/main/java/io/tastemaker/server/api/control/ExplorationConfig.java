package io.tastemaker.server.api.control;

import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.NumberText;
import io.tastemaker.server.wire.ApiException;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Checks the documented numbers of an {@code itemExplorationConfig} map, which travel as strings:
 * {@code explorationWeight} a decimal from 0 to 1, {@code explorationItemAgeCutOff} a positive number
 * of days. The User-Personalization recipe page names the same settings {@code exploration_weight} and
 * {@code exploration_item_age_cut_off}, and published code sends either spelling, so both are taken
 * and checked alike; any other key is refused, since a misspelt one would silently change nothing.
 */
final class ExplorationConfig {
  private static final Map<String, String> ALIASES =
      Map.of("exploration_weight", "explorationWeight", "exploration_item_age_cut_off", "explorationItemAgeCutOff");

  private ExplorationConfig() {}

  /** Checks {@code config.itemExplorationConfig}, where {@code where} names {@code config} in messages. */
  static void check(Input config, String where) {
    String prefix = where + ".itemExplorationConfig.";
    for (Map.Entry<String, String> entry : config.stringMap("itemExplorationConfig").entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      switch (ALIASES.getOrDefault(key, key)) {
        case "explorationWeight" -> {
          OptionalDouble weight = NumberText.decimal(value);
          if (weight.isEmpty() || weight.getAsDouble() < 0 || weight.getAsDouble() > 1) {
            throw ApiException.invalidInput(prefix + key + " must be a decimal number from 0 to 1, got " + value);
          }
        }
        case "explorationItemAgeCutOff" -> {
          OptionalDouble days = NumberText.decimal(value);
          if (days.isEmpty() || days.getAsDouble() <= 0) {
            throw ApiException.invalidInput(prefix + key + " must be a positive number of days, got " + value);
          }
        }
        default -> throw ApiException.invalidInput(
            prefix + key + " is not an exploration setting (got " + value + "); use explorationWeight (0 to 1) and explorationItemAgeCutOff (days).");
      }
    }
  }
}
