package io.tastemaker.core.filter;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an ActionID filter reads of a dataset group: its Actions records, a user's record, and a
 * user's action interactions. The server reads them live; a Spark executor reads them from the
 * snapshot the server wrote for the job ({@code ActionSnapshot}).
 */
public interface ActionFilterRecords {
  /** The group's Actions records. */
  AttributeTable actions();

  /** A user's record, empty when the user has none. */
  Optional<AttributeRecord> user(String userId);

  /** The actions a user interacted with, imported and put, by event type ("Taken", "Not Taken", "Viewed"). */
  Map<String, Set<String>> actionInteractions(String userId);
}
