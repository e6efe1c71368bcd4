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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MovieLens latest-small (../shared/data/movielens-latest-small) as Amazon Personalize's "POC in a
 * box" workshop prepared it: every rating above 1 is a {@code click}, every rating above 3 also a
 * {@code watch} at the same time, and every movie is in the Items dataset with its genres and year.
 */
final class MovieLensLatestSmall {
  final InteractionData interactions;
  /** GENRE values and YEAR of every movie. */
  final Metadata items;
  /** Each movie's genres, for the genre-overlap check. */
  final Map<String, List<String>> genres;
  final Map<String, String> titles;

  private MovieLensLatestSmall(InteractionData interactions, Metadata items, Map<String, List<String>> genres, Map<String, String> titles) {
    this.interactions = interactions;
    this.items = items;
    this.genres = genres;
    this.titles = titles;
  }

  static MovieLensLatestSmall load(Path data) throws IOException {
    Path dir = data.resolve("movielens-latest-small");
    if (!Files.isDirectory(dir)) {
      throw new IOException("no benchmark data at " + dir.toAbsolutePath() + "; give --data DIR");
    }
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",");
        double rating = Double.parseDouble(f[2]);
        long time = Long.parseLong(f[3]);
        if (rating > 1) {
          b.add(f[0], f[1], time, Optional.of("click"), Double.NaN);
        }
        if (rating > 3) {
          b.add(f[0], f[1], time, Optional.of("watch"), Double.NaN);
        }
      }
    }
    Map<String, List<String>> features = new LinkedHashMap<>();
    Map<String, List<String>> genres = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    Pattern year = Pattern.compile("\\((\\d{4})\\)\\s*$");
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("movies.csv"), StandardCharsets.UTF_8)) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        // movieId,title,genres where a quoted title may hold commas.
        int first = line.indexOf(',');
        int last = line.lastIndexOf(',');
        String id = line.substring(0, first);
        String title = line.substring(first + 1, last).replaceAll("^\"|\"$", "").trim();
        List<String> movieGenres = List.of(line.substring(last + 1).split("\\|"));
        List<String> f = new ArrayList<>();
        movieGenres.forEach(g -> f.add("GENRE=" + g));
        Matcher m = year.matcher(title);
        if (m.find()) {
          f.add("YEAR=" + m.group(1));
        }
        features.put(id, f);
        genres.put(id, movieGenres);
        titles.put(id, title);
      }
    }
    return new MovieLensLatestSmall(b.build(), Metadata.of(features), genres, titles);
  }
}
