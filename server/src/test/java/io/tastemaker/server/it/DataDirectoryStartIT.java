package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/**
 * The packaged server refuses, before changing anything, a data directory whose objects have lost
 * their database (deleted, emptied, replaced by an empty one or another server's) or whose database
 * is corrupt, and prints what happened and what to do; moving objects/ away starts it empty.
 */
class DataDirectoryStartIT {
  @TempDir static Path shared;
  private static Path withData;
  private static Path otherServer;
  private static Path emptyServer;

  @TempDir Path dir;

  @BeforeAll
  static void twoServersWithData() throws Exception {
    withData = shared.resolve("with-data");
    otherServer = shared.resolve("other");
    emptyServer = shared.resolve("empty");
    for (Path data : List.of(withData, otherServer)) {
      try (RunningServer server = RunningServer.start(data);
          PersonalizeClient p = server.personalize()) {
        String group = Workflow.activeGroup(p, "start");
        Workflow.importInto(p, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(shared.resolve("interactions.csv")));
      }
    }
    RunningServer.start(emptyServer).close();
  }

  /** A copy of the data directory with data, to damage. */
  private Path copyOfDataDirectory() throws IOException {
    Path copy = dir.resolve("data");
    copyTree(withData, copy);
    return copy;
  }

  private static String refusal(Path data) {
    Throwable refused = catchThrowable(() -> ServerProcess.start(data).close());
    assertThat(refused).as("the server must not start").isInstanceOf(ExecutionException.class);
    return refused.getCause().getMessage();
  }

  @Test
  void a_deleted_database_is_refused_with_what_to_do_and_nothing_is_created() throws Exception {
    Path data = copyOfDataDirectory();
    Files.delete(data.resolve("tastemaker.db"));
    assertThat(refusal(data))
        .contains("tastemaker: could not start: The data directory " + data.toAbsolutePath() + " holds 1 object (")
        .contains("in objects/, but its database tastemaker.db is missing: the database that describes them was lost or replaced.")
        .contains("Restore tastemaker.db and objects/ together from a backup (see 'Backup and restore' in the README)")
        .contains("to start empty on purpose, move objects/ out of the data directory first.");
    assertThat(data.resolve("tastemaker.db")).doesNotExist();
    assertThat(objects(data)).hasSize(1);
  }

  @Test
  void a_database_truncated_to_nothing_is_refused() throws Exception {
    Path data = copyOfDataDirectory();
    Files.write(data.resolve("tastemaker.db"), new byte[0]);
    assertThat(refusal(data)).contains("but its database tastemaker.db is empty (0 bytes)", "Restore tastemaker.db and objects/ together from a backup");
    assertThat(data.resolve("tastemaker.db")).isEmptyFile();
  }

  @Test
  void an_empty_database_or_another_servers_database_is_refused() throws Exception {
    Path data = copyOfDataDirectory();
    Files.copy(emptyServer.resolve("tastemaker.db"), data.resolve("tastemaker.db"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(refusal(data)).contains("but its database tastemaker.db holds no resources");

    Files.copy(otherServer.resolve("tastemaker.db"), data.resolve("tastemaker.db"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(refusal(data)).contains("but its database tastemaker.db knows none of them (it describes 1 object elsewhere)");
    assertThat(objects(data)).as("nothing was swept").hasSize(1);
  }

  @Test
  void a_corrupt_database_is_refused_by_the_integrity_check() throws Exception {
    Path data = copyOfDataDirectory();
    Path db = data.resolve("tastemaker.db");
    try (RandomAccessFile raw = new RandomAccessFile(db.toFile(), "rw")) {
      byte[] garbage = new byte[4096];
      Arrays.fill(garbage, (byte) 0x5A);
      for (long page = 2; page * 4096 < raw.length(); page += 2) {
        raw.seek(page * 4096);
        raw.write(garbage);
      }
    }
    assertThat(refusal(data))
        .contains("tastemaker: could not start: The database " + db.toAbsolutePath() + " is corrupt (")
        .contains("Tastemaker will not run on it. Stop here and restore tastemaker.db and objects/ together from a backup");
  }

  @Test
  void moving_the_objects_away_starts_an_empty_server_as_the_message_says() throws Exception {
    Path data = copyOfDataDirectory();
    Files.delete(data.resolve("tastemaker.db"));
    Files.move(data.resolve("objects"), dir.resolve("objects.lost"));
    try (ServerProcess server = ServerProcess.start(data);
        PersonalizeClient p = server.personalize()) {
      assertThat(p.listDatasetGroups(r -> {}).datasetGroups()).isEmpty();
    }
    try (Stream<Path> kept = Files.walk(dir.resolve("objects.lost"))) {
      assertThat(kept.filter(f -> f.toString().endsWith(".seg")).count()).as("the moved objects are kept").isEqualTo(1);
    }
  }

  private static List<Path> objects(Path data) throws IOException {
    Path objects = data.resolve("objects");
    if (!Files.exists(objects)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(objects)) {
      return walk.filter(Files::isRegularFile).filter(f -> !f.toString().contains(".staging")).toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }
}
