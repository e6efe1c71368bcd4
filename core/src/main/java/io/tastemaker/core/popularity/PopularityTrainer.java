package io.tastemaker.core.popularity;

import io.tastemaker.core.data.InteractionData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Trains aws-popularity-count: counts the distinct users of each item. */
public final class PopularityTrainer {
  private PopularityTrainer() {}

  public static PopularityModel train(InteractionData data) {
    int[] users = new int[data.itemCount()];
    int[] lastUser = new int[data.itemCount()];
    Arrays.fill(lastUser, -1);
    for (int user = 0; user < data.userCount(); user++) {
      for (int i = data.start(user); i < data.end(user); i++) {
        int item = data.item(i);
        if (lastUser[item] != user) {
          lastUser[item] = user;
          users[item]++;
        }
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int item = 0; item < data.itemCount(); item++) {
      if (users[item] > 0) {
        order.add(item);
      }
    }
    // Ties go to the smaller item id, so that the ranking never depends on input order.
    order.sort(Comparator.<Integer>comparingInt(item -> -users[item]).thenComparing(data::itemId));
    List<String> ids = new ArrayList<>(order.size());
    int[] counts = new int[order.size()];
    for (int rank = 0; rank < order.size(); rank++) {
      ids.add(data.itemId(order.get(rank)));
      counts[rank] = users[order.get(rank)];
    }
    return new PopularityModel(ids, counts);
  }
}
