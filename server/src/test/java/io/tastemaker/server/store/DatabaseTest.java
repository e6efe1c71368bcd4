package io.tastemaker.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DatabaseTest {
  @TempDir Path dir;

  /** A database with enough rows to span many pages. */
  private void fill() {
    try (Database db = Database.openEmbedded(dir)) {
      db.write(tx -> {
        try (PreparedStatement p = tx.connection().prepareStatement(
            "INSERT INTO tags (arn, tag_key, tag_value) VALUES (?, ?, ?)")) {
          for (int i = 0; i < 5_000; i++) {
            p.setString(1, "arn:aws:personalize:us-east-1:000000000000:dataset-group/g" + i);
            p.setString(2, "key");
            p.setString(3, "value-" + i);
            p.addBatch();
          }
          p.executeBatch();
        }
        return null;
      });
    }
  }

  @Test
  void a_sound_database_opens_again_with_its_rows_and_the_time_its_check_took_is_logged() {
    fill();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger logger = (Logger) LoggerFactory.getLogger(Database.class);
    logger.addAppender(logged);
    try (Database db = Database.openEmbedded(dir)) {
      assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
          .matches(Pattern.quote(dir.resolve(Database.FILE_NAME).toAbsolutePath().toString()) + " \\(\\d+\\.\\d MB\\) passed SQLite's quick_check in \\d+\\.\\d\\d s"));
      Map<String, String> tags = db.read(tx -> new TagStore().tags(tx, "arn:aws:personalize:us-east-1:000000000000:dataset-group/g42"));
      assertThat(tags).containsEntry("key", "value-42");
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void a_database_with_damaged_pages_is_refused_with_what_to_do() throws Exception {
    fill();
    Path file = dir.resolve(Database.FILE_NAME);
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[4096];
      Arrays.fill(garbage, (byte) 0xA5);
      // Pages 3 to 5 hold table and index b-tree pages of the tags.
      raw.seek(2 * 4096L);
      raw.write(garbage);
      raw.write(garbage);
      raw.write(garbage);
    }
    assertThatThrownBy(() -> Database.openEmbedded(dir))
        .isInstanceOf(UnusableDatabaseException.class)
        .hasMessageStartingWith("The database " + file.toAbsolutePath() + " is corrupt (")
        .hasMessageContaining("restore tastemaker.db and objects/ together from a backup");
    assertThat(Files.size(file)).as("the file is left as it is").isGreaterThan(3 * 4096L);
  }

  @Test
  void a_file_that_is_not_a_database_is_refused() throws Exception {
    Files.writeString(dir.resolve(Database.FILE_NAME), "these are not the bytes of a database ".repeat(200));
    assertThatThrownBy(() -> Database.openEmbedded(dir))
        .isInstanceOf(UnusableDatabaseException.class)
        .hasMessageContaining("is corrupt (SQLite says: ")
        .hasMessageContaining("not a database");
  }
}
