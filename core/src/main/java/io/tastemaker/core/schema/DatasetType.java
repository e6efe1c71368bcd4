package io.tastemaker.core.schema;

import java.util.Objects;

/** The type of a dataset in a custom dataset group, the {@code datasetType} of CreateDataset. */
public enum DatasetType {
  INTERACTIONS("Interactions"),
  ITEMS("Items"),
  USERS("Users"),
  /** Next-Best-Action's actions: what may be recommended to a user besides items. */
  ACTIONS("Actions"),
  /** Users taking, declining or seeing actions: the events Next-Best-Action learns propensities from. */
  ACTION_INTERACTIONS("Action_Interactions");

  private final String wireName;

  DatasetType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Reads a {@code datasetType} the way Personalize does: case-insensitively, so "Interactions",
   * "items" and "USERS" are all accepted.
   *
   * @throws IllegalArgumentException naming the value and the allowed values when it is none of
   *     them
   */
  public static DatasetType parse(String value) {
    Objects.requireNonNull(value, "value");
    // equalsIgnoreCase folds non-ASCII letters too (a dotless i would match ITEMS); the wire
    // pattern is ^[A-Za-z_]+$, so only ASCII spellings may match.
    if (value.chars().allMatch(c -> c < 0x80)) {
      for (DatasetType type : values()) {
        if (type.name().equalsIgnoreCase(value)) {
          return type;
        }
      }
    }
    throw new IllegalArgumentException(
        "datasetType must be one of Interactions, Items, Users, Actions, Action_Interactions (any case), got '" + value + "'");
  }

  /** The last segment of a dataset ARN: {@code INTERACTIONS}, {@code ITEMS}, {@code ACTION_INTERACTIONS}... */
  public String arnSuffix() {
    return name();
  }

  /** The spelling used on the wire and in messages: "Interactions", "Items", "Action_Interactions"... */
  public String wireName() {
    return wireName;
  }
}
