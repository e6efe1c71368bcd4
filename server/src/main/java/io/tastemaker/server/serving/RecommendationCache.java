package io.tastemaker.server.serving;

import io.tastemaker.core.model.Ranking;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * GetRecommendations answers of one deployed model, by user and number of results. An HRNN answer
 * depends only on the model and the user's state, so it can be answered again until either changes:
 * a deployment gets a new cache with its model, and a user whose state changes is forgotten.
 *
 * <p>Bounded by a number of users; when full it starts over, which costs one computation per user
 * and keeps no bookkeeping on the hot path. An answer computed while any user was being forgotten is
 * not kept, so an answer from a state that events have since changed never outlives them.
 */
public final class RecommendationCache {
  private final int capacity;
  private final Map<String, Map<Integer, Ranking>> answers = new ConcurrentHashMap<>();
  /** How many times users were forgotten; an answer is kept only if this did not move meanwhile. */
  private final AtomicLong forgets = new AtomicLong();

  /** @param capacity the most users whose answers are kept; 0 keeps none */
  public RecommendationCache(int capacity) {
    this.capacity = capacity;
  }

  /** The user's answer for this number of results, computed once while it stays valid. */
  public Ranking get(String userId, int results, Supplier<Ranking> compute) {
    if (capacity == 0) {
      return compute.get();
    }
    Map<Integer, Ranking> mine = answers.get(userId);
    Ranking cached = mine == null ? null : mine.get(results);
    if (cached != null) {
      return cached;
    }
    long before = forgets.get();
    Ranking ranking = compute.get();
    if (forgets.get() == before) {
      if (answers.size() >= capacity) {
        answers.clear();
      }
      answers.computeIfAbsent(userId, k -> new ConcurrentHashMap<>(4)).put(results, ranking);
    }
    return ranking;
  }

  /** Forgets a user's answers, for when their state changes. */
  public void forget(String userId) {
    // Counted before removing: an answer computed from the old state either sees the count move, or
    // was stored before this removal.
    forgets.incrementAndGet();
    answers.remove(userId);
  }

  /** The number of users with answers kept. */
  public int size() {
    return answers.size();
  }
}
