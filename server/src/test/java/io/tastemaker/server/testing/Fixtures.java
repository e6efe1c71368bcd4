package io.tastemaker.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CSV fixtures whose offline metrics can be worked out by hand. */
public final class Fixtures {
  public static final long BASE_TIME = 1_700_000_000L;
  public static final String INTERACTIONS_SCHEMA =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},
        {"name":"EVENT_VALUE","type":["null","float"]},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}""";

  private Fixtures() {}

  /**
   * 100 users u000..u099, each with nine {@code view} events on items a01..a09 (value 1) and then one
   * {@code buy} of item z (value 5): 1,000 interactions, and every item has every user.
   *
   * <p>Every item has the same number of distinct users among any training users, ties go to the
   * smaller id, so popularity ranks a01..a09 then z, and every held-out user's newest interaction, z,
   * is at rank 10.
   */
  public static Path uniformShop(Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\n");
    for (int u = 0; u < 100; u++) {
      String user = String.format("u%03d", u);
      for (int i = 1; i <= 9; i++) {
        csv.append(user).append(",a0").append(i).append(",view,1,").append(BASE_TIME + i).append('\n');
      }
      csv.append(user).append(",z,buy,5,").append(BASE_TIME + 10).append('\n');
    }
    Path file = dir.resolve("interactions.csv");
    Files.writeString(file, csv);
    return file;
  }
}
