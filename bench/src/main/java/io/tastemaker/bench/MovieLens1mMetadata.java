package io.tastemaker.bench;

import io.tastemaker.core.data.Metadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The categorical metadata of MovieLens-1M (../shared/data/movielens-1m) under the SASRec set's
 * ids: each movie's GENRES and release DECADE, each user's GENDER, AGE and OCCUPATION.
 */
record MovieLens1mMetadata(Metadata items, Metadata users) {
  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

  static MovieLens1mMetadata load(Path data) throws IOException {
    Path sas = data.resolve("ml-1m-sasrec");
    Path ml = data.resolve("movielens-1m");
    Map<String, List<String>> movies = new HashMap<>();
    for (String line : Files.readAllLines(ml.resolve("movies.dat"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("::");
      if (f.length < 3) {
        continue;
      }
      List<String> features = new ArrayList<>();
      for (String genre : f[2].split("\\|")) {
        features.add("GENRES=" + genre);
      }
      Matcher year = YEAR.matcher(f[1]);
      if (year.find()) {
        features.add("DECADE=" + Integer.parseInt(year.group(1)) / 10 * 10);
      }
      movies.put(f[0], features);
    }
    Map<String, List<String>> people = new HashMap<>();
    for (String line : Files.readAllLines(ml.resolve("users.dat"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("::");
      if (f.length >= 4) {
        people.put(f[0], List.of("GENDER=" + f[1], "AGE=" + f[2], "OCCUPATION=" + f[3]));
      }
    }
    return new MovieLens1mMetadata(
        Metadata.of(byPreprocessedId(sas.resolve("sas_to_original_items.txt"), movies)),
        Metadata.of(byPreprocessedId(sas.resolve("sas_to_original_users.txt"), people)));
  }

  /** Re-keys features from original MovieLens ids to the preprocessed ids of the SASRec set. */
  private static Map<String, List<String>> byPreprocessedId(Path mapping, Map<String, List<String>> byOriginal) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(mapping)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 && byOriginal.containsKey(f[1])) {
        out.put(f[0], byOriginal.get(f[1]));
      }
    }
    return out;
  }
}
