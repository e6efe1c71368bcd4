package io.tastemaker.core.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sample's items as dense ints: ids, titles, categories, prices, creation times, popularity
 * within each category, and each item's complements (the items that tend to be viewed next).
 */
final class Catalog {

  /** Popularity within a category falls off as 1/rank: a few hits and a long tail. */
  private static final double ZIPF_EXPONENT = 1.0;

  private static final int MAX_COMPLEMENTS = 3;

  /** Items of one product kind vary around the kind's base price by up to this factor. */
  private static final double PRICE_SPREAD = 0.3;

  private static final long DAY = 86_400L;

  /** Items were added to the shop up to two years before the interactions start. */
  private static final long MAX_AGE_DAYS = 730;

  final List<String> categoryNames;
  final String[] ids;
  final String[] titles;
  final int[] category;
  final int[] priceCents;
  final long[] createdAt;
  /** Per item, its complements, most likely first. */
  final int[][] complements;
  /** Per category, its items from most to least popular. */
  final int[][] byPopularity;
  /** Per category, the Zipf weights of its popularity ranks. */
  final CumulativeWeights[] popularity;

  private Catalog(int items, List<CategorySpec> specs) {
    int categories = specs.size();
    List<String> names = new ArrayList<>(categories);
    for (CategorySpec spec : specs) {
      names.add(spec.name());
    }
    categoryNames = List.copyOf(names);
    ids = Ids.numbered("item", items);
    titles = new String[items];
    category = new int[items];
    priceCents = new int[items];
    createdAt = new long[items];
    complements = new int[items][];
    byPopularity = new int[categories][];
    popularity = new CumulativeWeights[categories];
  }

  static Catalog generate(
      int items, List<CategorySpec> specs, long start, SplittableRandom random) {
    assert items >= 2 * specs.size() : "fewer than two items per category";
    Catalog catalog = new Catalog(items, specs);
    int[][] members = catalog.assignCategories(random);
    for (int c = 0; c < specs.size(); c++) {
      catalog.fillCategory(c, members[c], specs.get(c), start, random);
    }
    return catalog;
  }

  int size() {
    return ids.length;
  }

  String categoryName(int item) {
    return categoryNames.get(category[item]);
  }

  /** Deals items round-robin into categories, then shuffles, so sizes differ by at most one. */
  private int[][] assignCategories(SplittableRandom random) {
    int categories = categoryNames.size();
    for (int i = 0; i < category.length; i++) {
      category[i] = i % categories;
    }
    shuffle(category, random);
    int[] sizes = new int[categories];
    for (int c : category) {
      sizes[c]++;
    }
    int[][] members = new int[categories][];
    for (int c = 0; c < categories; c++) {
      members[c] = new int[sizes[c]];
      sizes[c] = 0;
    }
    for (int i = 0; i < category.length; i++) {
      members[category[i]][sizes[category[i]]++] = i;
    }
    return members;
  }

  private void fillCategory(
      int c, int[] members, CategorySpec spec, long start, SplittableRandom random) {
    // Members take the product kinds in turn; a small category uses only the first kinds, and its
    // complement cycle closes over those.
    int kinds = Math.min(spec.products().size(), members.length);
    double[] basePrice = new double[kinds];
    for (int k = 0; k < kinds; k++) {
      basePrice[k] = logUniform(spec.minPrice(), spec.maxPrice(), random);
    }
    for (int j = 0; j < members.length; j++) {
      int item = members[j];
      int kind = j % kinds;
      String adjective = spec.adjectives().get(random.nextInt(spec.adjectives().size()));
      titles[item] = adjective + " " + spec.products().get(kind) + " " + (item + 1);
      priceCents[item] = priceCents(basePrice[kind], spec, random);
      createdAt[item] = Math.max(0, start - DAY - random.nextLong(MAX_AGE_DAYS * DAY));
    }
    for (int j = 0; j < members.length; j++) {
      int[] next = ofKind(members, (j % kinds + 1) % kinds, kinds);
      complements[members[j]] = pickDistinct(next, 1 + random.nextInt(MAX_COMPLEMENTS), random);
    }
    // Popularity ignores the complement cycle, so a popular item's complements are usually not
    // popular themselves: only a model of sequences can predict them.
    int[] ranked = members.clone();
    shuffle(ranked, random);
    byPopularity[c] = ranked;
    popularity[c] = CumulativeWeights.zipf(ranked.length, ZIPF_EXPONENT);
  }

  private static int priceCents(double base, CategorySpec spec, SplittableRandom random) {
    double price = base * StrictMath.exp((2 * random.nextDouble() - 1) * PRICE_SPREAD);
    price = Math.max(spec.minPrice(), Math.min(spec.maxPrice(), price));
    return (int) Math.round(price * 100);
  }

  private static double logUniform(double min, double max, SplittableRandom random) {
    return min * StrictMath.exp(random.nextDouble() * StrictMath.log(max / min));
  }

  /** The members at positions kind, kind + kinds, kind + 2 kinds, ...: one product kind. */
  private static int[] ofKind(int[] members, int kind, int kinds) {
    int[] of = new int[(members.length - kind + kinds - 1) / kinds];
    for (int j = kind, i = 0; j < members.length; j += kinds, i++) {
      of[i] = members[j];
    }
    return of;
  }

  private static int[] pickDistinct(int[] pool, int count, SplittableRandom random) {
    int n = Math.min(count, pool.length);
    // A partial Fisher-Yates shuffle: the first n entries are a uniform sample without repeats.
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(pool.length - i);
      int swap = pool[i];
      pool[i] = pool[j];
      pool[j] = swap;
    }
    return Arrays.copyOf(pool, n);
  }

  private static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }
}
