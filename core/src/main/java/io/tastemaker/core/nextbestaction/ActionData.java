package io.tastemaker.core.nextbestaction;

import java.util.Objects;

/** What Next-Best-Action trains on besides item interactions: the actions and the action interactions. */
public record ActionData(ActionCatalog catalog, ActionEvents events) {
  public static final ActionData NONE = new ActionData(ActionCatalog.EMPTY, ActionEvents.NONE);

  public ActionData {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(events, "events");
  }
}
