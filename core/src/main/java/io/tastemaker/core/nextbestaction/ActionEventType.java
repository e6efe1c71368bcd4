package io.tastemaker.core.nextbestaction;

import java.util.Locale;
import java.util.Optional;

/**
 * The event types of action interactions: a user took an action, deliberately declined it, or was
 * shown it. Read as leniently as the guide writes them ("Not taken", "NOT_TAKEN", "Not Taken").
 */
public enum ActionEventType {
  TAKEN("Taken"),
  NOT_TAKEN("Not Taken"),
  VIEWED("Viewed");

  private final String wireName;

  ActionEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling PutActionInteractions documents: "Taken", "Not Taken", "Viewed". */
  public String wireName() {
    return wireName;
  }

  /** The type a text names, ignoring case, blanks and underscores; empty for any other text. */
  public static Optional<ActionEventType> parse(String text) {
    String key = text.replace("_", "").replace(" ", "").toLowerCase(Locale.ROOT);
    return switch (key) {
      case "taken" -> Optional.of(TAKEN);
      case "nottaken" -> Optional.of(NOT_TAKEN);
      case "viewed" -> Optional.of(VIEWED);
      default -> Optional.empty();
    };
  }
}
