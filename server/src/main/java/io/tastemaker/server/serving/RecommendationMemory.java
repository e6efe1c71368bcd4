package io.tastemaker.server.serving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The items each recent recommendation returned, by its {@code recommendationId}, so that a PutEvents
 * event naming the recommendation has an impression without listing it (an implicit impression, as
 * Personalize derives one). Bounded in memory and time: at most {@code capacity} recommendations,
 * the oldest forgotten first, each for at most {@code lifetime}.
 */
public final class RecommendationMemory {
  /** Recommendations kept by default: about 25 ids each, some tens of megabytes at most. */
  public static final int DEFAULT_CAPACITY = 100_000;
  /** How long a recommendation is remembered by default. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

  private record Shown(List<String> itemIds, Instant expires) {}

  private final int capacity;
  private final Duration lifetime;
  private final Clock clock;
  private final LinkedHashMap<String, Shown> byId = new LinkedHashMap<>();

  public RecommendationMemory(int capacity, Duration lifetime, Clock clock) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be 0 or more, got " + capacity);
    }
    this.capacity = capacity;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** Remembers what a recommendation returned. */
  public synchronized void remember(String recommendationId, List<String> itemIds) {
    if (capacity == 0) {
      return;
    }
    Instant now = clock.instant();
    byId.put(recommendationId, new Shown(List.copyOf(itemIds), now.plus(lifetime)));
    Iterator<Map.Entry<String, Shown>> oldest = byId.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<String, Shown> e = oldest.next();
      if (byId.size() <= capacity && e.getValue().expires().isAfter(now)) {
        break;
      }
      oldest.remove();
    }
  }

  /** The items a recommendation returned, if it is remembered and not expired. */
  public synchronized Optional<List<String>> shown(String recommendationId) {
    Shown shown = byId.get(recommendationId);
    if (shown == null || !shown.expires().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(shown.itemIds());
  }

  public synchronized int size() {
    return byId.size();
  }
}
