package io.tastemaker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The MovieLens-1M ratings (../shared/data/movielens-1m: {@code ratings.dat}, or the users 1-2999 part
 * the shared data holds) as a Personalize interactions CSV, every rating an interaction.
 */
final class MovieLens1mRatings {
  static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\",\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},{\"name\":\"ITEM_ID\",\"type\":\"string\"},{\"name\":\"TIMESTAMP\",\"type\":\"long\"}],\"version\":\"1.0\"}";

  /** The file written, its row count and its users in order of first appearance. */
  record Csv(Path file, long rows, List<String> userIds) {}

  private MovieLens1mRatings() {}

  /** Writes {@code USER_ID,ITEM_ID,TIMESTAMP} rows to {@code csv}. */
  static Csv writeCsv(Path data, Path csv) throws IOException {
    Path dir = data.resolve("movielens-1m");
    Path ratings = Files.exists(dir.resolve("ratings.dat")) ? dir.resolve("ratings.dat") : dir.resolve("ratings-users-1-2999.dat");
    if (!Files.exists(ratings)) {
      throw new IOException("no MovieLens-1M ratings in " + dir.toAbsolutePath() + "; give --data DIR");
    }
    Set<String> users = new LinkedHashSet<>();
    long rows = 0;
    try (BufferedReader in = Files.newBufferedReader(ratings, StandardCharsets.ISO_8859_1);
        Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("USER_ID,ITEM_ID,TIMESTAMP\n");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("::");
        if (f.length == 4) {
          users.add(f[0]);
          out.write(f[0] + "," + f[1] + "," + f[3] + "\n");
          rows++;
        }
      }
    }
    return new Csv(csv, rows, new ArrayList<>(users));
  }
}
