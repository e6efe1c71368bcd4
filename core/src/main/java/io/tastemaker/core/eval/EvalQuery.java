package io.tastemaker.core.eval;

import io.tastemaker.core.model.History;
import java.util.Arrays;

/**
 * One test user's query: the oldest 90% of their interactions as history, and the distinct items of
 * the newest 10% as the truth.
 *
 * @param user the user's index in the data
 * @param history what the model is given
 * @param relevant the items that count as hits
 */
public record EvalQuery(int user, History history, int[] relevant) {
  public EvalQuery {
    relevant = relevant.clone();
    if (relevant.length == 0) {
      throw new IllegalArgumentException("a query needs at least one relevant item");
    }
  }

  @Override
  public int[] relevant() {
    return relevant.clone();
  }

  public boolean isRelevant(int item) {
    for (int r : relevant) {
      if (r == item) {
        return true;
      }
    }
    return false;
  }

  public int relevantCount() {
    return relevant.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvalQuery q && user == q.user && history.equals(q.history) && Arrays.equals(relevant, q.relevant);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * user + history.hashCode()) + Arrays.hashCode(relevant);
  }
}
