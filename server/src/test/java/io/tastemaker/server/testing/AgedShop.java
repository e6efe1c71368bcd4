package io.tastemaker.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The genre shop's ({@link GenreShop}) movies with an Items dataset whose popular and new items are
 * known, for the business rules: movie {@code n} was created {@code (37 n mod 120) + 1} days before
 * {@link GenreShop#BASE} (every age from 1 to 120 days once, unrelated to genre), costs {@code n mod
 * 7 + 0.99}, and every tenth movie is also a {@code Classic} ({@code GENRES} "Drama|Classic"). Its
 * popularity is the genre shop's interactions. The same data as {@code write_aged_items} in {@code
 * src/test/python/boto3_business_rules.py}.
 */
public final class AgedShop {
  public static final String ITEMS_SCHEMA =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"PRICE","type":["null","float"]},
        {"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}""";

  private AgedShop() {}

  /** Movie {@code n}'s age in days at {@link GenreShop#BASE}: 1 to 120, each once. */
  public static int ageDays(int n) {
    return (37 * n) % 120 + 1;
  }

  /** The age in days of a {@code movie-NNN} id. */
  public static int ageDays(String movie) {
    return ageDays(Integer.parseInt(movie.substring(movie.indexOf('-') + 1)));
  }

  public static String genres(int n) {
    String genre = GenreShop.genreOf(GenreShop.movieId(n));
    return n % 10 == 0 ? genre + "|Classic" : genre;
  }

  public static String price(int n) {
    return (n % 7) + ".99";
  }

  /** Interactions per movie in the genre shop. */
  public static Map<String, Integer> interactions(GenreShop shop) {
    Map<String, Integer> counts = new HashMap<>();
    shop.events().forEach(e -> counts.merge(e.item(), 1, Integer::sum));
    return counts;
  }

  public static Path writeItems(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("ITEM_ID,GENRES,PRICE,CREATION_TIMESTAMP\n");
    for (int n = 0; n < GenreShop.GENRES.size() * GenreShop.PER_GENRE; n++) {
      csv.append(GenreShop.movieId(n)).append(',').append(genres(n)).append(',').append(price(n)).append(',')
          .append(GenreShop.BASE - ageDays(n) * GenreShop.DAY).append('\n');
    }
    return Files.writeString(file, csv);
  }
}
