package io.tastemaker.core.affinity;

import java.util.Arrays;

/**
 * A segment: user indices of the model, most likely first, each with the probability that the
 * user's next interaction is with the queried item (or with any item of the queried set).
 */
public record UserSegment(int[] users, double[] probabilities) {
  public UserSegment {
    if (users.length != probabilities.length) {
      throw new IllegalArgumentException(users.length + " users but " + probabilities.length + " probabilities");
    }
    users = users.clone();
    probabilities = probabilities.clone();
  }

  public int size() {
    return users.length;
  }

  @Override
  public int[] users() {
    return users.clone();
  }

  @Override
  public double[] probabilities() {
    return probabilities.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserSegment s && Arrays.equals(users, s.users) && Arrays.equals(probabilities, s.probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(users) + Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    return "UserSegment" + Arrays.toString(users) + Arrays.toString(probabilities);
  }
}
