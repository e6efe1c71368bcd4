package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MovieLens-100K (../shared/data/movielens-100k) as Amazon Personalize's public sample used it:
 * ratings above 3.6 become interactions; genres and demographics become categorical metadata.
 */
final class MovieLens100k {
  /** The sample's threshold: ratings 4 and 5 are kept. */
  static final double MIN_RATING = 3.6;

  final InteractionData interactions;
  /** GENRES of every movie. */
  final Metadata items;
  /** AGE (by decade), GENDER and OCCUPATION of every user. */
  final Metadata users;
  /** Each movie's genres and title, for checks by eye. */
  final Map<String, List<String>> genres;
  final Map<String, String> titles;

  private MovieLens100k(InteractionData interactions, Metadata items, Metadata users, Map<String, List<String>> genres, Map<String, String> titles) {
    this.interactions = interactions;
    this.items = items;
    this.users = users;
    this.genres = genres;
    this.titles = titles;
  }

  /** The sample's interactions: ratings above {@link #MIN_RATING}. */
  static MovieLens100k load(Path data) throws IOException {
    return load(data, MIN_RATING);
  }

  /** Ratings above {@code minRating} as interactions (0 keeps every rating). */
  static MovieLens100k load(Path data, double minRating) throws IOException {
    Path dir = data.resolve("movielens-100k");
    if (!Files.isDirectory(dir)) {
      throw new IOException("no benchmark data at " + dir.toAbsolutePath() + "; give --data DIR");
    }
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t");
        if (Double.parseDouble(f[2]) > minRating) {
          b.add(f[0], f[1], Long.parseLong(f[3]), Optional.empty(), Double.NaN);
        }
      }
    }
    List<String> genres = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("u.genre"), StandardCharsets.ISO_8859_1)) {
      if (!line.isBlank()) {
        genres.add(line.split("\\|")[0]);
      }
    }
    Map<String, List<String>> items = new LinkedHashMap<>();
    Map<String, List<String>> movieGenres = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\\|", -1);
      if (f.length < 5 + genres.size()) {
        continue;
      }
      List<String> features = new ArrayList<>();
      for (int g = 0; g < genres.size(); g++) {
        if (f[5 + g].equals("1")) {
          features.add("GENRES=" + genres.get(g));
        }
      }
      items.put(f[0], features);
      movieGenres.put(f[0], features.stream().map(g -> g.substring("GENRES=".length())).toList());
      titles.put(f[0], f[1]);
    }
    Map<String, List<String>> users = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("u.user"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\\|");
      if (f.length >= 4) {
        users.put(f[0], List.of("AGE=" + (Integer.parseInt(f[1]) / 10 * 10), "GENDER=" + f[2], "OCCUPATION=" + f[3]));
      }
    }
    return new MovieLens100k(b.build(), Metadata.of(items), Metadata.of(users), movieGenres, titles);
  }
}
