package io.tastemaker.core.filter;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What an ItemID filter reads of a dataset group: its Items attributes, a user's record, and a
 * user's interactions. The server reads them live ({@code GroupAttributes}, streamed events); a
 * Spark executor reads them from a {@link FilterSnapshot} the server wrote for the job.
 */
public interface FilterRecords {
  /** The group's Items attributes. */
  AttributeTable items();

  /** A user's record, empty when the user has none. */
  Optional<AttributeRecord> user(String userId);

  /**
   * Calls {@code interaction} with the event type and item id of each interaction a filter looks at
   * for the user: the newest imported ones, then every streamed one.
   */
  void interactions(String userId, BiConsumer<String, String> interaction);
}
