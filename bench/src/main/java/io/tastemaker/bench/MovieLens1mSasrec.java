package io.tastemaker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MovieLens-1M as preprocessed for SASRec (../shared/data/ml-1m-sasrec): each user's items in time
 * order, with the held-out items of the standard protocol.
 */
final class MovieLens1mSasrec {
  /** Timestamps are not part of this set; a base time plus one minute per position keeps the order. */
  static final long BASE_TIME = 1_000_000_000L;

  /** Training sequences, {@code seq[:-2]} for every user, indexed by user id - 1. */
  final List<int[]> train;
  /** The complete sequences of the 3,261 exact users, by user id. */
  final Map<Integer, int[]> exact;
  /** Each user's test item (the last one), indexed by user id - 1. */
  final int[] test;
  final int items;
  /** What the data set is called, for headers and tables. */
  final String name;

  private MovieLens1mSasrec(String name, List<int[]> train, Map<Integer, int[]> exact, int[] test, int items) {
    this.name = name;
    this.train = train;
    this.exact = exact;
    this.test = test;
    this.items = items;
  }

  static MovieLens1mSasrec load(Path data) throws IOException {
    Path dir = data.resolve("ml-1m-sasrec");
    if (!Files.isDirectory(dir)) {
      throw new IOException("no benchmark data at " + dir.toAbsolutePath() + "; give --data DIR");
    }
    Map<Integer, List<Integer>> exactLists = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("exact_sequences_3261_users.txt"))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] p = line.trim().split("\\s+");
        exactLists.computeIfAbsent(Integer.parseInt(p[0]), k -> new ArrayList<>()).add(Integer.parseInt(p[1]));
      }
    }
    Map<Integer, int[]> exact = new HashMap<>();
    exactLists.forEach((u, l) -> exact.put(u, l.stream().mapToInt(Integer::intValue).toArray()));
    List<int[]> train = new ArrayList<>();
    int maxItem = 0;
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("train_input.txt"))) {
      int user = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        user++;
        int[] seq = exact.containsKey(user) ? java.util.Arrays.copyOf(exact.get(user), exact.get(user).length - 2) : parse(line);
        train.add(seq);
        for (int item : seq) {
          maxItem = Math.max(maxItem, item);
        }
      }
    }
    List<String> testLines = Files.readAllLines(dir.resolve("test_output.txt"));
    int[] test = testLines.stream().filter(s -> !s.isBlank()).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    return new MovieLens1mSasrec(name(data), train, exact, test, maxItem);
  }

  /**
   * The data set's name: the {@code name} member of {@code dataset_stats.json} when it has one (the
   * sparse generator writes it), MovieLens-1M when MovieLens-1M's own files sit beside it (the shared
   * folder), else the folder's name.
   */
  static String name(Path data) throws IOException {
    Path stats = data.resolve("ml-1m-sasrec").resolve("dataset_stats.json");
    if (Files.isRegularFile(stats)) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(stats));
      if (m.find()) {
        return m.group(1);
      }
    }
    if (Files.isRegularFile(data.resolve("movielens-1m").resolve("movies.dat"))) {
      return MOVIELENS_1M;
    }
    Path folder = data.toAbsolutePath().normalize().getFileName();
    return folder == null ? data.toString() : folder.toString();
  }

  static final String MOVIELENS_1M = "MovieLens-1M";

  boolean isMovieLens() {
    return name.equals(MOVIELENS_1M);
  }

  private static int[] parse(String line) {
    String t = line.trim();
    return t.isEmpty() ? new int[0] : java.util.Arrays.stream(t.split("\\s+")).mapToInt(Integer::parseInt).toArray();
  }

  int users() {
    return train.size();
  }

  /** The Interactions schema of {@link #writeTrainingCsv}'s rows. */
  static final String TRAINING_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\",\"fields\":[{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},{\"name\":\"EVENT_TYPE\",\"type\":\"string\"},{\"name\":\"TIMESTAMP\",\"type\":\"long\"}]}";

  /** Writes every training interaction ({@code seq[:-2]}, one minute apart) as Personalize CSV; returns the row count. */
  long writeTrainingCsv(Path file) throws IOException {
    long rows = 0;
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n");
      for (int u = 0; u < train.size(); u++) {
        int[] seq = train.get(u);
        for (int p = 0; p < seq.length; p++) {
          w.write(Integer.toString(u + 1));
          w.write(',');
          w.write(Integer.toString(seq[p]));
          w.write(",watch,");
          w.write(Long.toString(BASE_TIME + 60L * p));
          w.write('\n');
          rows++;
        }
      }
    }
    return rows;
  }
}
