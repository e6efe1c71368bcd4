package io.tastemaker.core.affinity;

import java.util.Arrays;

/**
 * A segment: user indices of the model, highest affinity first, each with the user's affinity for
 * the queried item or set of items ({@link AffinityModel}: the expected number of interactions with
 * it among as many new interactions as the user had in training).
 */
public record UserSegment(int[] users, double[] affinities) {
  public UserSegment {
    if (users.length != affinities.length) {
      throw new IllegalArgumentException(users.length + " users but " + affinities.length + " affinities");
    }
    users = users.clone();
    affinities = affinities.clone();
  }

  public int size() {
    return users.length;
  }

  @Override
  public int[] users() {
    return users.clone();
  }

  @Override
  public double[] affinities() {
    return affinities.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserSegment s && Arrays.equals(users, s.users) && Arrays.equals(affinities, s.affinities);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(users) + Arrays.hashCode(affinities);
  }

  @Override
  public String toString() {
    return "UserSegment" + Arrays.toString(users) + Arrays.toString(affinities);
  }
}
