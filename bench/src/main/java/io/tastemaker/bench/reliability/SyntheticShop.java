package io.tastemaker.bench.reliability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Seeded shop data as CSV files: users who browse runs of neighbouring items, items with genres,
 * users with an age and a gender. Ids are {@code u<n>} and {@code i<n>}.
 */
final class SyntheticShop {
  static final long START = 1_700_000_000L;
  static final String INTERACTIONS_SCHEMA =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},
        {"name":"TIMESTAMP","type":"long"}],"version":"1.0"}""";
  static final String ITEMS_SCHEMA =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},{"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}""";
  static final String USERS_SCHEMA =
      """
      {"type":"record","name":"Users","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"AGE","type":"int"},{"name":"GENDER","type":"string","categorical":true}],"version":"1.0"}""";
  private static final String[] GENRES = {"Action", "Comedy", "Drama", "Horror", "Romance"};

  final int users;
  final int items;

  SyntheticShop(int users, int items) {
    if (users < 1 || items < 2) {
      throw new IllegalArgumentException("a shop needs at least 1 user and 2 items, got " + users + " and " + items);
    }
    this.users = users;
    this.items = items;
  }

  /** About {@code rows} interaction rows, spread over the users; returns the file. */
  Path writeInteractions(Path file, long rows, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long perUser = Math.max(2, rows / users);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n");
      for (int u = 0; u < users; u++) {
        int item = random.nextInt(items);
        for (long k = 0; k < perUser; k++) {
          w.write("u" + u + ",i" + item + "," + (random.nextInt(5) == 0 ? "buy" : "click") + "," + (START + 60 * k) + "\n");
          item = random.nextInt(4) == 0 ? random.nextInt(items) : (item + 1) % items;
        }
      }
    }
    return file;
  }

  Path writeItems(Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("ITEM_ID,GENRES,CREATION_TIMESTAMP\n");
      for (int i = 0; i < items; i++) {
        w.write("i" + i + "," + GENRES[i % GENRES.length] + "|" + GENRES[(i / 5) % GENRES.length] + "," + (START - 86_400L * i) + "\n");
      }
    }
    return file;
  }

  Path writeUsers(Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("USER_ID,AGE,GENDER\n");
      for (int u = 0; u < users; u++) {
        w.write("u" + u + "," + (18 + u % 60) + "," + (u % 2 == 0 ? "F" : "M") + "\n");
      }
    }
    return file;
  }

  /** A batch inference input of {@code lines} users. */
  Path writeBatchInput(Path file, int lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int l = 0; l < lines; l++) {
        w.write("{\"userId\": \"u" + (l % users) + "\"}\n");
      }
    }
    return file;
  }
}
