package io.tastemaker.core.sample;

import java.util.SplittableRandom;

/**
 * Simulates shopping sessions: a user visits, picks a category (mostly a preferred one), and
 * browses a few items in it, usually moving from an item to one of its complements, sometimes
 * adding it to the cart or buying it.
 */
final class SessionSimulator {

  static final long WINDOW_SECONDS = 90 * 86_400L;

  /** Sessions are at least an hour apart, so a gap of more than 300 s separates two sessions. */
  static final long MIN_SESSION_GAP_SECONDS = 3_600;

  static final int MIN_STEP_SECONDS = 30;

  static final int MAX_STEP_SECONDS = 300;

  /** Share of sessions in a category drawn uniformly, preferred or not: users explore. */
  private static final double EXPLORE = 0.05;

  /** The favourite category is visited most: weights 3, 2, 1 over the preferred categories. */
  private static final CumulativeWeights[] PREFERRED_WEIGHTS = {
    new CumulativeWeights(1), new CumulativeWeights(3, 2), new CumulativeWeights(3, 2, 1)
  };

  /** Chance that the next item is a complement of the current one rather than a popular item. */
  private static final double FOLLOW_COMPLEMENT = 0.7;

  private static final CumulativeWeights[] COMPLEMENT_WEIGHTS = {
    new CumulativeWeights(1), new CumulativeWeights(6, 3), new CumulativeWeights(6, 3, 1)
  };

  private static final int MIN_VIEWS = 2;

  private static final int MAX_VIEWS = 12;

  /** After each view, the chance of viewing one more item. */
  private static final double ANOTHER_VIEW = 0.7;

  private static final double CART = 0.12;

  private static final double BUY_AFTER_CART_BASIC = 0.4;

  private static final double BUY_AFTER_CART_PREMIUM = 0.6;

  private static final double BUY_WITHOUT_CART = 0.015;

  /** Redraws of a popular item that happens to be the current one, before taking a complement. */
  private static final int MAX_REDRAWS = 8;

  private final Catalog catalog;
  private final Shoppers shoppers;
  private final int meanSessions;
  private final InteractionLog draft = new InteractionLog(256);
  /** Seconds since the start of the current session, or -1 before its first event. */
  private long offset;

  private SessionSimulator(Catalog catalog, Shoppers shoppers, int meanSessions) {
    this.catalog = catalog;
    this.shoppers = shoppers;
    this.meanSessions = meanSessions;
  }

  /** All users' sessions between start and start + 90 days, in user order (not yet by time). */
  static InteractionLog simulate(
      Catalog catalog, Shoppers shoppers, int meanSessions, long start, SplittableRandom random) {
    SessionSimulator simulator = new SessionSimulator(catalog, shoppers, meanSessions);
    InteractionLog log = new InteractionLog(shoppers.size() * meanSessions * 6);
    for (int u = 0; u < shoppers.size(); u++) {
      // One stream per user: a user's history does not shift when another user's changes.
      simulator.simulateUser(u, start, random.split(), log);
    }
    return log;
  }

  private void simulateUser(int user, long start, SplittableRandom random, InteractionLog log) {
    int sessions = sessionCount(random);
    draft.clear();
    int[] firstEvent = new int[sessions + 1];
    long[] duration = new long[sessions];
    for (int s = 0; s < sessions; s++) {
      firstEvent[s] = draft.size();
      duration[s] = browse(user, random);
    }
    firstEvent[sessions] = draft.size();
    long[] starts = sessionStarts(duration, start, random);
    for (int s = 0; s < sessions; s++) {
      for (int i = firstEvent[s]; i < firstEvent[s + 1]; i++) {
        log.add(user, draft.item(i), draft.event(i), starts[s] + draft.timestamp(i));
      }
    }
  }

  /** 1 plus a geometric count, so the mean is meanSessions and a few users are very active. */
  private int sessionCount(SplittableRandom random) {
    double extraMean = meanSessions - 1;
    if (extraMean == 0) {
      return 1;
    }
    double more = extraMean / (extraMean + 1);
    int extra = (int) Math.floor(StrictMath.log(1 - random.nextDouble()) / StrictMath.log(more));
    // The cap keeps the busiest user within the window; it trims the mean by about 1%.
    return 1 + Math.min(extra, 4 * meanSessions);
  }

  /** One session into the draft, with offsets from its first event; returns its duration. */
  private long browse(int user, SplittableRandom random) {
    offset = -1;
    int c = category(user, random);
    int current = popular(c, random);
    int views = MIN_VIEWS;
    while (views < MAX_VIEWS && random.nextDouble() < ANOTHER_VIEW) {
      views++;
    }
    double buyAfterCart =
        shoppers.premium[user] ? BUY_AFTER_CART_PREMIUM : BUY_AFTER_CART_BASIC;
    for (int v = 0; v < views; v++) {
      if (v > 0) {
        current = next(current, c, random);
      }
      emit(current, EventType.VIEW, random);
      // A cart or purchase is always of the item just viewed.
      if (random.nextDouble() < CART) {
        emit(current, EventType.CART, random);
        if (random.nextDouble() < buyAfterCart) {
          emit(current, EventType.PURCHASE, random);
        }
      } else if (random.nextDouble() < BUY_WITHOUT_CART) {
        emit(current, EventType.PURCHASE, random);
      }
    }
    return offset;
  }

  private void emit(int item, EventType type, SplittableRandom random) {
    offset =
        offset < 0
            ? 0
            : offset + MIN_STEP_SECONDS + random.nextInt(MAX_STEP_SECONDS - MIN_STEP_SECONDS + 1);
    draft.add(0, item, type, offset);
  }

  private int category(int user, SplittableRandom random) {
    if (random.nextDouble() < EXPLORE) {
      return random.nextInt(catalog.categoryNames.size());
    }
    int[] preferred = shoppers.preferred[user];
    return preferred[PREFERRED_WEIGHTS[preferred.length - 1].draw(random)];
  }

  private int popular(int c, SplittableRandom random) {
    return catalog.byPopularity[c][catalog.popularity[c].draw(random)];
  }

  private int next(int current, int c, SplittableRandom random) {
    int[] complements = catalog.complements[current];
    if (random.nextDouble() < FOLLOW_COMPLEMENT) {
      return complements[COMPLEMENT_WEIGHTS[complements.length - 1].draw(random)];
    }
    for (int i = 0; i < MAX_REDRAWS; i++) {
      int candidate = popular(c, random);
      if (candidate != current) {
        return candidate;
      }
    }
    return complements[0];
  }

  /**
   * Places sessions in the window, in order and at least an hour apart, with the free time split
   * at random (uniform spacings), so gaps range from hours to days.
   */
  private static long[] sessionStarts(long[] duration, long start, SplittableRandom random) {
    int sessions = duration.length;
    long busy = (sessions - 1) * MIN_SESSION_GAP_SECONDS;
    for (long d : duration) {
      busy += d;
    }
    long free = WINDOW_SECONDS - 1 - busy;
    assert free >= 0 : sessions + " sessions take " + busy + " s, more than the window";
    double[] spacing = new double[sessions + 1];
    double total = 0;
    for (int s = 0; s <= sessions; s++) {
      spacing[s] = -StrictMath.log(1 - random.nextDouble());
      total += spacing[s];
    }
    long[] starts = new long[sessions];
    long t = start;
    for (int s = 0; s < sessions; s++) {
      t += (long) (free * (spacing[s] / total));
      starts[s] = t;
      t += duration[s] + MIN_SESSION_GAP_SECONDS;
    }
    return starts;
  }
}
