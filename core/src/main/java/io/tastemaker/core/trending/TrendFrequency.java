package io.tastemaker.core.trending;

import java.util.Arrays;
import java.util.List;

/** The values of {@code trend_discovery_frequency}, the length of the windows trends compare. */
public enum TrendFrequency {
  HALF_HOUR("30 min", 1_800),
  HOUR("1h", 3_600),
  THREE_HOURS("3h", 10_800),
  DAY("1 day", 86_400);

  private final String wireValue;
  private final long seconds;

  TrendFrequency(String wireValue, long seconds) {
    this.wireValue = wireValue;
    this.seconds = seconds;
  }

  /** The hyperparameter's value, as the guide spells it. */
  public String wireValue() {
    return wireValue;
  }

  public long seconds() {
    return seconds;
  }

  /** Every value as the guide spells it. */
  public static List<String> wireValues() {
    return Arrays.stream(values()).map(TrendFrequency::wireValue).toList();
  }

  /** The frequency of a value already checked by its hyperparameter (any case). */
  public static TrendFrequency of(String wireValue) {
    return Arrays.stream(values()).filter(f -> f.wireValue.equalsIgnoreCase(wireValue.strip())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("trend_discovery_frequency must be one of " + wireValues() + ", got " + wireValue));
  }
}
