package io.tastemaker.server.serving;

import io.tastemaker.core.model.Ranking;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * GetRecommendations answers of one deployed model, by user and number of results. An HRNN answer
 * depends only on the model and the user's state, so it can be answered again until either changes:
 * a deployment gets a new cache with its model, and a user whose state changes is forgotten.
 *
 * <p>Bounded by a number of entries; when full it starts over, which costs one computation per user
 * and keeps no bookkeeping on the hot path.
 */
public final class RecommendationCache {
  private record Key(String userId, int results) {}

  private final int capacity;
  private final Map<Key, Ranking> answers = new ConcurrentHashMap<>();

  /** @param capacity the most answers kept; 0 keeps none */
  public RecommendationCache(int capacity) {
    this.capacity = capacity;
  }

  /** The user's answer for this number of results, computed once while it stays valid. */
  public Ranking get(String userId, int results, Supplier<Ranking> compute) {
    if (capacity == 0) {
      return compute.get();
    }
    Key key = new Key(userId, results);
    Ranking cached = answers.get(key);
    if (cached != null) {
      return cached;
    }
    Ranking ranking = compute.get();
    if (answers.size() >= capacity) {
      answers.clear();
    }
    answers.put(key, ranking);
    return ranking;
  }

  /** Forgets a user's answers, for when their state changes. */
  public void forget(String userId) {
    answers.keySet().removeIf(key -> key.userId().equals(userId));
  }

  public int size() {
    return answers.size();
  }
}
