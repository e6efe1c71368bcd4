package io.tastemaker.core.training;

import io.tastemaker.core.data.InteractionData;

/**
 * Personalize's minimum data to train any recipe (personalize-api.md section 3.4), counted after the
 * solution's event filters: 1,000 interactions, and 25 users with at least two interactions each.
 */
public final class MinimumData {
  public static final int INTERACTIONS = 1000;
  public static final int USERS = 25;

  private MinimumData() {}

  public static void check(InteractionData data) throws InsufficientDataException {
    if (data.size() < INTERACTIONS) {
      throw new InsufficientDataException(
          "Create failed. Dataset has " + data.size() + " interactions after the solution's event filters; at least " + INTERACTIONS + " are needed.");
    }
    int users = 0;
    for (int user = 0; user < data.userCount(); user++) {
      if (data.historyLength(user) >= 2) {
        users++;
      }
    }
    if (users < USERS) {
      throw new InsufficientDataException("Create failed. Dataset has fewer than " + USERS + " users with at least 2 interactions each.");
    }
  }
}
