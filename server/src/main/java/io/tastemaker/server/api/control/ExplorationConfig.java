package io.tastemaker.server.api.control;

import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.NumberText;
import io.tastemaker.server.wire.ApiException;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Checks the documented numbers of an {@code itemExplorationConfig} map, which travel as strings:
 * {@code explorationWeight} a decimal from 0 to 1, {@code explorationItemAgeCutOff} a positive number
 * of days. Tastemaker's recipes do not explore, so the values are kept and shown, never used; they
 * must still be what Personalize accepts.
 */
final class ExplorationConfig {
  private ExplorationConfig() {}

  /** Checks {@code config.itemExplorationConfig}, where {@code where} names {@code config} in messages. */
  static void check(Input config, String where) {
    Map<String, String> exploration = config.stringMap("itemExplorationConfig");
    String prefix = where + ".itemExplorationConfig.";
    String weight = exploration.get("explorationWeight");
    if (weight != null) {
      OptionalDouble value = NumberText.decimal(weight);
      if (value.isEmpty() || value.getAsDouble() < 0 || value.getAsDouble() > 1) {
        throw ApiException.invalidInput(prefix + "explorationWeight must be a decimal number from 0 to 1, got " + weight);
      }
    }
    String cutOff = exploration.get("explorationItemAgeCutOff");
    if (cutOff != null) {
      OptionalDouble value = NumberText.decimal(cutOff);
      if (value.isEmpty() || value.getAsDouble() <= 0) {
        throw ApiException.invalidInput(prefix + "explorationItemAgeCutOff must be a positive number of days, got " + cutOff);
      }
    }
  }
}
