package io.tastemaker.core.userpersonalization;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.UserQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads scoring one aws-user-personalization model (the HRNN, the transformer expert and
 * exploration, each lending its scratch space to one call at a time) give every user the answer
 * one thread gives.
 */
class ConcurrentScoringTest {
  private static final int USERS = 40;

  @Test
  void sixteen_threads_get_the_answers_of_one() throws Exception {
    UserPersonalizationModel model = RandomUserPersonalizationModels.model(5_000, 24, USERS, true, 7);
    List<String> alone = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      alone.add(answers(model, u));
    }
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int first = t;
        runs.add(threads.submit(() -> {
          List<String> got = new ArrayList<>();
          for (int k = 0; k < USERS; k++) {
            got.add(answers(model, (first + k) % USERS));
          }
          return got;
        }));
      }
      for (int t = 0; t < runs.size(); t++) {
        List<String> got = runs.get(t).get(120, TimeUnit.SECONDS);
        for (int k = 0; k < USERS; k++) {
          assertThat(got.get(k)).as("thread %d, user %d", t, (t + k) % USERS).isEqualTo(alone.get((t + k) % USERS));
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** A user's top 10, their exploration answer and their probabilities' sum, as one string. */
  private static String answers(UserPersonalizationModel model, int user) {
    UserQuery query = UserQuery.of("u" + user);
    Ranking top = model.recommend(query, 10, ItemMask.ALL);
    Ranking explored = model.explore(query, 10, ItemMask.ALL, ExplorationSettings.DEFAULT, 99).ranking();
    double sum = Arrays.stream(model.probabilities(query)).sum();
    return Arrays.toString(top.items()) + Arrays.toString(top.scores()) + Arrays.toString(explored.items()) + Arrays.toString(explored.scores())
        + " " + sum;
  }
}
