package io.tastemaker.core.sample;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The sample's users as dense ints: ids, age groups, memberships and preferred categories. */
final class Shoppers {

  static final List<String> MEMBERSHIPS = List.of("basic", "premium");

  private static final double PREMIUM_SHARE = 0.25;

  private static final int MAX_PREFERRED = 3;

  final String[] ids;
  final int[] ageGroup;
  final boolean[] premium;
  /** Per user, 1 to 3 distinct categories, the favourite first. */
  final int[][] preferred;

  private Shoppers(int users) {
    ids = Ids.numbered("user", users);
    ageGroup = new int[users];
    premium = new boolean[users];
    preferred = new int[users][];
  }

  static Shoppers generate(int users, List<CategorySpec> specs, SplittableRandom random) {
    Shoppers shoppers = new Shoppers(users);
    for (int u = 0; u < users; u++) {
      int age = AgeGroups.SHARE.draw(random);
      shoppers.ageGroup[u] = age;
      shoppers.premium[u] = random.nextDouble() < PREMIUM_SHARE;
      int count = 1 + random.nextInt(Math.min(MAX_PREFERRED, specs.size()));
      shoppers.preferred[u] = preferredCategories(age, count, specs, random);
    }
    return shoppers;
  }

  int size() {
    return ids.length;
  }

  String membership(int user) {
    return MEMBERSHIPS.get(premium[user] ? 1 : 0);
  }

  /** Draws categories without replacement, in proportion to how much the age group likes them. */
  private static int[] preferredCategories(
      int age, int count, List<CategorySpec> specs, SplittableRandom random) {
    double[] affinity = new double[specs.size()];
    for (int c = 0; c < affinity.length; c++) {
      affinity[c] = specs.get(c).ageAffinity().get(age);
    }
    int[] chosen = new int[count];
    for (int i = 0; i < count; i++) {
      chosen[i] = new CumulativeWeights(affinity).draw(random);
      affinity[chosen[i]] = 0;
    }
    assert Arrays.stream(chosen).distinct().count() == count : "repeated preferred category";
    return chosen;
  }
}
