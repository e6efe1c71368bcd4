package io.tastemaker.core.training;

import io.tastemaker.core.data.InteractionData;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Seeded sequence data with a known structure for the sequence recipes' tests: 300 users, items {@code i0..}, one minute apart. */
public final class SequenceWalks {
  private static final int USERS = 300;

  private SequenceWalks() {}

  /** Users walking a cycle of {@code items} items, i then i + 1, from a random start; shortest to longest steps each. */
  public static InteractionData cycles(long seed, int items, int shortest, int longest) {
    SplittableRandom random = new SplittableRandom(seed);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < USERS; u++) {
      int item = random.nextInt(items);
      int length = shortest + random.nextInt(longest - shortest + 1);
      for (int k = 0; k < length; k++) {
        b.add("u" + u, "i" + item, 1_000_000L + 60L * k, Optional.empty(), Double.NaN);
        item = (item + 1) % items;
      }
    }
    return b.build();
  }

  /** Users each coming back to two items of their own, turn about, ten times. */
  public static InteractionData returns(long seed, int items) {
    SplittableRandom random = new SplittableRandom(seed);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < USERS; u++) {
      int first = random.nextInt(items);
      int second = (first + 1 + random.nextInt(items - 1)) % items;
      for (int k = 0; k < 10; k++) {
        b.add("u" + u, "i" + (k % 2 == 0 ? first : second), 1_000_000L + 60L * k, Optional.empty(), Double.NaN);
      }
    }
    return b.build();
  }

  /**
   * {@code users} users with 10 to 24 events each from {@code start}, a minute apart, each on a phone
   * or a TV at random: a clip ({@code clip-0..19}) on a phone, a film ({@code film-0..19}) on a TV,
   * in the context {@code DEVICE=phone} or {@code DEVICE=tv}, so only the context tells which kind
   * comes next.
   */
  public static InteractionData devices(long seed, int users, long start) {
    SplittableRandom random = new SplittableRandom(seed);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < users; u++) {
      int length = 10 + random.nextInt(15);
      for (int k = 0; k < length; k++) {
        boolean phone = random.nextBoolean();
        String item = (phone ? "clip-" : "film-") + random.nextInt(20);
        b.add("u" + u, item, start + 60L * k, Optional.empty(), Double.NaN, List.of("DEVICE=" + (phone ? "phone" : "tv")));
      }
    }
    return b.build();
  }
}
