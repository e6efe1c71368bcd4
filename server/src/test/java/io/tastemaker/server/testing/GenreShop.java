package io.tastemaker.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small seeded shop with structure for the recipe serving tests: 180 users who each watch a run of
 * consecutive movies of one genre, 120 movies with interactions and 120 new movies that only the
 * Items dataset knows. The same data as {@code genre_shop_*} in {@code src/test/python/workflow_data.py}
 * (the same generator, byte for byte), so every client is tested against one fixture.
 *
 * <ul>
 *   <li>Six genres, 20 movies each: {@code movie-000..movie-119}, genre {@code n / 20}, created 200
 *       days before {@link #BASE}; and {@code new-000..new-119}, genre {@code n / 20}, created 30 days
 *       after it, a minute apart: young and without interactions, so cold for aws-hrnn-coldstart.
 *   <li>User {@code user-u} (u = 0..179) likes genre {@code u % 6}: from a random start s, 8 to 14
 *       {@code watch} events on movies s, s+1, ... of the genre (wrapping at 20), one minute apart;
 *       each event is instead a random movie of any genre with probability 1/10.
 *   <li>Users have an AGE and a categorical GENDER.
 * </ul>
 *
 * <p>Randomness is one linear congruential generator (the C library's {@code rand()}: {@code x = x *
 * 1103515245 + 12345 mod 2^31}, output {@code x >> 16}) seeded with {@link #SEED}, easy to repeat in
 * any language.
 */
public final class GenreShop {
  public static final long BASE = 1_700_000_000L;
  public static final long SEED = 20240611L;
  public static final List<String> GENRES = List.of("Action", "Comedy", "Documentary", "Drama", "Horror", "SciFi");
  public static final int PER_GENRE = 20;
  public static final int USERS = 180;
  public static final long DAY = 86_400L;

  public static final String INTERACTIONS_HEADER = "USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP";
  public static final String ITEMS_HEADER = "ITEM_ID,GENRES,CREATION_TIMESTAMP";
  public static final String USERS_HEADER = "USER_ID,AGE,GENDER";

  /** One interaction of the fixture. */
  public record Event(String user, String item, long timestamp) {}

  private final List<Event> events;
  private final Map<String, Integer> ages;
  private final Map<String, String> nextInRun;

  private GenreShop(List<Event> events, Map<String, Integer> ages, Map<String, String> nextInRun) {
    this.events = List.copyOf(events);
    this.ages = Map.copyOf(ages);
    this.nextInRun = Map.copyOf(nextInRun);
  }

  /** The fixture; always the same. */
  public static GenreShop generate() {
    Lcg random = new Lcg(SEED);
    List<Event> events = new ArrayList<>();
    Map<String, Integer> ages = new HashMap<>();
    Map<String, String> next = new HashMap<>();
    for (int u = 0; u < USERS; u++) {
      String user = userId(u);
      int genre = u % GENRES.size();
      int start = random.next(PER_GENRE);
      int length = 8 + random.next(7);
      for (int k = 0; k < length; k++) {
        int movie = random.next(10) == 0 ? random.next(GENRES.size() * PER_GENRE) : genre * PER_GENRE + (start + k) % PER_GENRE;
        events.add(new Event(user, movieId(movie), BASE + u * 3600L + k * 60L));
      }
      ages.put(user, 18 + random.next(50));
      next.put(user, movieId(genre * PER_GENRE + (start + length) % PER_GENRE));
    }
    return new GenreShop(events, ages, next);
  }

  public static String userId(int u) {
    return String.format("user-%03d", u);
  }

  public static String movieId(int n) {
    return String.format("movie-%03d", n);
  }

  public static String newMovieId(int n) {
    return String.format("new-%03d", n);
  }

  /** The genre of a movie or new movie id. */
  public static String genreOf(String item) {
    return GENRES.get(Integer.parseInt(item.substring(item.indexOf('-') + 1)) / PER_GENRE);
  }

  /** The genre user {@code user-u} follows. */
  public static String genreOfUser(String user) {
    return GENRES.get(Integer.parseInt(user.substring(user.indexOf('-') + 1)) % GENRES.size());
  }

  /** The movie that would continue the user's run: the natural next one to recommend. */
  public String nextInRun(String user) {
    return nextInRun.get(user);
  }

  public List<Event> events() {
    return events;
  }

  /** movie-000..movie-119. */
  public static List<String> movies() {
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < GENRES.size() * PER_GENRE; n++) {
      ids.add(movieId(n));
    }
    return ids;
  }

  /** new-000..new-119: in the Items dataset, never interacted with. */
  public static List<String> newMovies() {
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < GENRES.size() * PER_GENRE; n++) {
      ids.add(newMovieId(n));
    }
    return ids;
  }

  /** The items with interactions, which every recipe's model knows. */
  public Set<String> interactedItems() {
    Set<String> items = new LinkedHashSet<>();
    events.forEach(e -> items.add(e.item()));
    return items;
  }

  /** Items by distinct users, most first, ties to the smaller id: aws-popularity-count's order. */
  public List<String> byPopularity() {
    Map<String, Set<String>> users = new TreeMap<>();
    events.forEach(e -> users.computeIfAbsent(e.item(), x -> new HashSet<>()).add(e.user()));
    return users.keySet().stream().sorted(Comparator.comparing((String item) -> -users.get(item).size()).thenComparing(Comparator.naturalOrder())).toList();
  }

  public Path writeInteractions(Path file) throws IOException {
    StringBuilder csv = new StringBuilder(INTERACTIONS_HEADER).append('\n');
    for (Event e : events) {
      csv.append(e.user()).append(',').append(e.item()).append(",watch,1,").append(e.timestamp()).append('\n');
    }
    return Files.writeString(file, csv);
  }

  public static Path writeItems(Path file) throws IOException {
    StringBuilder csv = new StringBuilder(ITEMS_HEADER).append('\n');
    for (int n = 0; n < GENRES.size() * PER_GENRE; n++) {
      csv.append(movieId(n)).append(',').append(genreOf(movieId(n))).append(',').append(BASE - 200 * DAY).append('\n');
    }
    for (int n = 0; n < GENRES.size() * PER_GENRE; n++) {
      csv.append(newMovieId(n)).append(',').append(genreOf(newMovieId(n))).append(',').append(BASE + 30 * DAY + n * 60L).append('\n');
    }
    return Files.writeString(file, csv);
  }

  public Path writeUsers(Path file) throws IOException {
    StringBuilder csv = new StringBuilder(USERS_HEADER).append('\n');
    for (int u = 0; u < USERS; u++) {
      csv.append(userId(u)).append(',').append(ages.get(userId(u))).append(',').append(u % 2 == 0 ? "F" : "M").append('\n');
    }
    return Files.writeString(file, csv);
  }

  /** The C library's rand(): easy to repeat byte for byte in Python. */
  private static final class Lcg {
    private long state;

    Lcg(long seed) {
      this.state = seed & 0x7fffffffL;
    }

    int next(int bound) {
      state = (state * 1103515245L + 12345L) & 0x7fffffffL;
      return (int) ((state >> 16) % bound);
    }
  }
}
