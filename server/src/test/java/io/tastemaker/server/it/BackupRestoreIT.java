package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Campaign;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * {@code tastemaker backup DEST --data-dir D}, run as its own process against a live server that is
 * taking events, makes a folder a fresh server starts on with the same resources, events and
 * answers; it refuses a destination in use and names objects that are damaged in the source.
 */
class BackupRestoreIT {
  @TempDir Path dir;

  /** Runs the packaged command; returns its exit code and output. */
  private record Command(int exit, String output) {}

  private static Command tastemaker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", ServerProcess.jar().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Command(process.exitValue(), output);
  }

  private static List<PredictedItem> recommend(PersonalizeRuntimeClient runtime, String campaign, String user) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(10)).itemList();
  }

  @Test
  void a_backup_of_a_live_server_restores_to_a_server_with_the_same_resources_events_and_answers() throws Exception {
    Path data = dir.resolve("data");
    Path backup = dir.resolve("backups/monday");
    String campaign;
    String version;
    List<PredictedItem> walkerBefore;
    List<PredictedItem> regularBefore;
    int backgroundEvents;
    try (RunningServer server = RunningServer.start(data);
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime();
        PersonalizeEventsClient events = server.events()) {
      String group = Workflow.activeGroup(p, "backup");
      Workflow.importGenreShop(p, group, Files.createDirectories(dir.resolve("csv")));
      version = Workflow.trainedVersion(p, group, "aws-hrnn", Workflow.QUICK_HRNN);
      campaign = Workflow.activeCampaign(p, version);
      String trackingId = Workflow.trackingId(p, group);
      List<String> run = List.of(GenreShop.movieId(41), GenreShop.movieId(42), GenreShop.movieId(43));
      for (int i = 0; i < run.size(); i++) {
        String item = run.get(i);
        long at = GenreShop.BASE + 10_000 + 60L * i;
        events.putEvents(r -> r.trackingId(trackingId).userId("walker").sessionId("s-walker").eventList(
            Event.builder().eventType("watch").itemId(item).sentAt(Instant.ofEpochSecond(at)).build()));
      }
      walkerBefore = recommend(runtime, campaign, "walker");
      regularBefore = recommend(runtime, campaign, GenreShop.userId(7));

      // Other users' events keep arriving while the backup runs: it must not wait for them, nor they for it.
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger sent = new AtomicInteger();
      Thread writer = new Thread(() -> {
        while (!stop.get()) {
          int n = sent.getAndIncrement();
          events.putEvents(r -> r.trackingId(trackingId).userId("busy-" + (n % 50)).sessionId("s-busy-" + (n % 50)).eventList(
              Event.builder().eventId("busy-" + n).eventType("watch").itemId(GenreShop.movieId(n % 100)).sentAt(Instant.ofEpochSecond(GenreShop.BASE + 20_000 + n)).build()));
        }
      });
      writer.start();
      Command taken;
      try {
        taken = tastemaker("backup", backup.toString(), "--data-dir", data.toString());
      } finally {
        stop.set(true);
        writer.join();
      }
      backgroundEvents = sent.get();
      assertThat(taken.exit()).as(taken.output()).isZero();
      assertThat(taken.output())
          .contains("Backed up " + data.toAbsolutePath() + " to " + backup.toAbsolutePath() + ": database ")
          .contains("3 objects", "(hard links)")
          .contains("To restore: stop the server, then start it with --data-dir " + backup.toAbsolutePath());
      assertThat(backgroundEvents).as("events were accepted while the backup ran").isPositive();
    }
    assertThat(backup.resolve("objects/models/" + Arns.resourceName(version) + ".model")).exists();
    assertThat(Files.readAttributes(backup.resolve("objects/models/" + Arns.resourceName(version) + ".model"), BasicFileAttributes.class).fileKey())
        .as("a hard link to the server's file on the same file system")
        .isEqualTo(Files.readAttributes(data.resolve("objects/models/" + Arns.resourceName(version) + ".model"), BasicFileAttributes.class).fileKey());
    try (Stream<Path> hidden = Files.list(backup.getParent())) {
      assertThat(hidden.map(f -> f.getFileName().toString()).toList()).as("no partial folder is left").containsExactly("monday");
    }

    // Restore as the README says: a copy of the backup becomes the data directory of a new server.
    Path restored = dir.resolve("restored");
    copyTree(backup, restored);
    try (RunningServer server = RunningServer.start(restored);
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      Campaign described = p.describeCampaign(r -> r.campaignArn(campaign)).campaign();
      assertThat(described.status()).isEqualTo("ACTIVE");
      assertThat(described.failureReason()).isNull();
      assertThat(recommend(runtime, campaign, "walker")).as("the streamed events came along").isEqualTo(walkerBefore);
      assertThat(recommend(runtime, campaign, GenreShop.userId(7))).isEqualTo(regularBefore);
      assertThat(p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status()).isEqualTo("ACTIVE");
    }
  }

  @Test
  void a_backup_refuses_a_destination_in_use_and_names_objects_damaged_in_the_source() throws Exception {
    Path data = dir.resolve("data");
    String version;
    try (RunningServer server = RunningServer.start(data);
        PersonalizeClient p = server.personalize()) {
      String group = Workflow.activeGroup(p, "backup");
      Workflow.importGenreShop(p, group, Files.createDirectories(dir.resolve("csv")));
      version = Workflow.trainedVersion(p, group, "aws-popularity-count", java.util.Map.of());
    }
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("notes.txt"), "mine");
    Command refused = tastemaker("backup", used.toString(), "--data-dir", data.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.output()).contains("tastemaker: backup failed: The backup destination " + used.toAbsolutePath() + " already exists and is not an empty folder; give a new folder.");
    assertThat(used.resolve("notes.txt")).hasContent("mine");

    Command nothing = tastemaker("backup", dir.resolve("b0").toString(), "--data-dir", dir.resolve("no-such-data").toString());
    assertThat(nothing.exit()).isEqualTo(1);
    assertThat(nothing.output()).contains("tastemaker: backup failed: There is no database to back up at " + dir.resolve("no-such-data/tastemaker.db").toAbsolutePath());

    String model = "objects/models/" + Arns.resourceName(version) + ".model";
    try (RandomAccessFile raw = new RandomAccessFile(data.resolve(model).toFile(), "rw")) {
      raw.setLength(raw.length() / 2);
    }
    Command damaged = tastemaker("backup", dir.resolve("b1").toString(), "--data-dir", data.toString(), "--copy");
    assertThat(damaged.exit()).as(damaged.output()).isEqualTo(1);
    assertThat(damaged.output())
        .contains("Backed up ", "(copies)")
        .contains("tastemaker: the backup is written, but 1 object(s) are damaged in the data directory itself: " + model + " is corrupt: its checksum does not match its content.");
    try (Stream<Path> segments = Files.walk(dir.resolve("b1/objects/datasets"))) {
      for (Path copied : segments.filter(Files::isRegularFile).toList()) {
        Path original = data.resolve(dir.resolve("b1").relativize(copied).toString());
        assertThat(Files.readAttributes(copied, BasicFileAttributes.class).fileKey()).as("a copy of its own").isNotEqualTo(Files.readAttributes(original, BasicFileAttributes.class).fileKey());
        assertThat(Files.mismatch(copied, original)).isEqualTo(-1);
      }
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
