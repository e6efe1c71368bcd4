package io.tastemaker.core.filter;

import io.tastemaker.core.schema.DatasetType;
import java.util.Optional;

/**
 * The prefix of a field reference: a dataset ({@code Items.GENRE}), or the requesting user or the
 * request's item ({@code CurrentUser.AGE}, {@code CurrentItem.PRICE}), whose fields belong to the
 * Users and Items datasets. Actions and Action_Interactions are what ActionID expressions test.
 */
public enum Source {
  ITEMS("Items", DatasetType.ITEMS),
  INTERACTIONS("Interactions", DatasetType.INTERACTIONS),
  USERS("Users", DatasetType.USERS),
  CURRENT_USER("CurrentUser", DatasetType.USERS),
  CURRENT_ITEM("CurrentItem", DatasetType.ITEMS),
  ACTIONS("Actions", DatasetType.ACTIONS),
  ACTION_INTERACTIONS("Action_Interactions", DatasetType.ACTION_INTERACTIONS);

  private final String prefix;
  private final DatasetType dataset;

  Source(String prefix, DatasetType dataset) {
    this.prefix = prefix;
    this.dataset = dataset;
  }

  /** The spelling before the dot, e.g. {@code CurrentUser}. */
  public String prefix() {
    return prefix;
  }

  /** Whether its fields are event types of interactions (Interactions or Action_Interactions). */
  public boolean isInteractions() {
    return this == INTERACTIONS || this == ACTION_INTERACTIONS;
  }

  /** The dataset whose schema declares the field. */
  public DatasetType dataset() {
    return dataset;
  }

  /** The source with this prefix, ignoring ASCII case (the lexer only produces ASCII words). */
  static Optional<Source> ofPrefix(String text) {
    for (Source source : values()) {
      if (source.prefix.equalsIgnoreCase(text)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
