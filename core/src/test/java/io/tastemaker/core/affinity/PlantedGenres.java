package io.tastemaker.core.affinity;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generated data with a known truth: every item has one genre, every user one favourite genre,
 * and 85% of a user's interactions are with items of that genre.
 */
final class PlantedGenres {
  static final int GENRES = 4;
  static final int ITEMS_PER_GENRE = 40;
  static final int USERS = 200;
  static final int HISTORY = 30;
  static final double LOYALTY = 0.85;

  final InteractionData data;
  final Metadata items;

  PlantedGenres(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < USERS; u++) {
      for (int k = 0; k < HISTORY; k++) {
        int genre = random.nextDouble() < LOYALTY ? favourite(u) : random.nextInt(GENRES);
        int item = genre * ITEMS_PER_GENRE + random.nextInt(ITEMS_PER_GENRE);
        b.add(userId(u), itemId(item), 1_000_000L + 60L * k, Optional.of("click"), Double.NaN);
      }
    }
    data = b.build();
    Map<String, List<String>> features = new LinkedHashMap<>();
    for (int item = 0; item < GENRES * ITEMS_PER_GENRE; item++) {
      features.put(itemId(item), List.of("GENRES=" + genreName(genreOf(item))));
    }
    items = Metadata.of(features);
  }

  static int favourite(int user) {
    return user % GENRES;
  }

  static int genreOf(int item) {
    return item / ITEMS_PER_GENRE;
  }

  static String genreName(int genre) {
    return List.of("Comedy", "Drama", "Horror", "Action").get(genre);
  }

  static String userId(int user) {
    return "u" + user;
  }

  static String itemId(int item) {
    return "i" + item;
  }

  /** The planted favourite genre of a user id. */
  static int favouriteOf(String userId) {
    return favourite(Integer.parseInt(userId.substring(1)));
  }

  static int genreOf(String itemId) {
    return genreOf(Integer.parseInt(itemId.substring(1)));
  }
}
