package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.objects.DiskSpace;
import io.tastemaker.server.objects.FreeSpace;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;
import software.amazon.awssdk.services.personalize.model.PersonalizeException;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException;

/**
 * A full data directory disk, told in words: imports and trainings that would not fit fail before
 * they start, an import that fills the disk fails saying so, control-plane writes answer 503
 * {@code ServiceUnavailableException} instead of 500, and {@code /health} says the server cannot
 * write. First on a simulated nearly full disk, then on a real 8 MiB tmpfs.
 */
class DiskFullIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration IMPORT_WAIT = Duration.ofMinutes(2);

  @TempDir Path dir;

  private static JsonNode health(RunningServer server) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("reads still work, so /health stays 200").isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static DatasetImportJob importFrom(PersonalizeClient p, String dataset, Path file) {
    String arn = p.createDatasetImportJob(r -> r.jobName(Workflow.unique("import")).datasetArn(dataset).dataSource(s -> s.dataLocation(file.toUri().toString())))
        .datasetImportJobArn();
    Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(arn)).datasetImportJob().status(), IMPORT_WAIT);
    return p.describeDatasetImportJob(r -> r.datasetImportJobArn(arn)).datasetImportJob();
  }

  @Test
  void a_nearly_full_disk_refuses_large_work_before_it_starts_and_health_tells() throws Exception {
    AtomicLong free = new AtomicLong(10L << 30);
    try (RunningServer server = RunningServer.start(RunningServer.config(dir.resolve("data")), free::get);
        PersonalizeClient p = server.personalize()) {
      JsonNode healthy = health(server);
      assertThat(healthy.path("status").asText()).isEqualTo("ok");
      assertThat(healthy.path("ready").asBoolean()).isTrue();
      assertThat(healthy.path("writable").asBoolean()).isTrue();
      assertThat(healthy.path("freeBytes").asLong()).isEqualTo(10L << 30);

      String group = Workflow.activeGroup(p, "disk");
      String dataset = Workflow.activeDataset(p, group, "Interactions", Schemas.INTERACTIONS);
      Path csv = GenreShop.generate().writeInteractions(dir.resolve("interactions.csv"));
      long size = Files.size(csv);
      free.set(DiskSpace.RESERVE_BYTES + 2 * size - 1);
      DatasetImportJob refused = importFrom(p, dataset, csv);
      assertThat(refused.status()).isEqualTo("CREATE FAILED");
      assertThat(refused.failureReason())
          .startsWith("Not enough free space on the data directory's disk: importing " + size + " bytes of CSV needs about " + (DiskSpace.RESERVE_BYTES + 2 * size) + " bytes (")
          .contains(" (2 times the input, plus 1048576 bytes (1.0 MiB) to spare), and " + (DiskSpace.RESERVE_BYTES + 2 * size - 1) + " bytes (")
          .endsWith(" are free. Free some space or move the data directory to a larger disk, then try again.");
      free.set(DiskSpace.RESERVE_BYTES + 2 * size);
      assertThat(importFrom(p, dataset, csv).status()).isEqualTo("ACTIVE");

      free.set(DiskSpace.RESERVE_BYTES + 4096);
      String solution = p.createSolution(r -> r.name(Workflow.unique("pop")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-popularity-count"))
          .solutionArn();
      Await.finalStatus(() -> p.describeSolution(r -> r.solutionArn(solution)).solution().status(), Workflow.WAIT);
      String version = p.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
      Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), Workflow.TRAINING);
      SolutionVersion untrained = p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion();
      assertThat(untrained.status()).isEqualTo("CREATE FAILED");
      assertThat(untrained.failureReason())
          .startsWith("Not enough free space on the data directory's disk: storing the model of " + GenreShop.USERS + " users and ")
          .contains("(an upper estimate of its size, plus 1048576 bytes (1.0 MiB) to spare)");

      free.set(4096);
      JsonNode full = health(server);
      assertThat(full.path("status").asText()).isEqualTo("read-only");
      assertThat(full.path("ready").asBoolean()).isTrue();
      assertThat(full.path("writable").asBoolean()).isFalse();
      assertThat(full.path("freeBytes").asLong()).isEqualTo(4096);
      assertThat(full.path("message").asText()).startsWith("The data directory's disk is full: 4096 bytes (4.0 KiB) free.");
    }
  }

  @Test
  void a_real_full_disk_answers_in_words_and_recovers_when_space_returns() throws Exception {
    Path disk = Files.createDirectories(dir.resolve("disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tastemaker-test", disk.toString()).redirectErrorStream(true).start();
    String mounting = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assumptions.assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
        "cannot mount an 8 MiB tmpfs here (it needs root and CAP_SYS_ADMIN), so the real full disk is not tested: " + mounting.strip());
    try {
      Path files = Files.createDirectories(dir.resolve("files"));
      AtomicBoolean overstate = new AtomicBoolean();
      FreeSpace real = FreeSpace.of(disk);
      // Overstated only for one step below, so that an import starts that the disk cannot hold.
      FreeSpace free = () -> overstate.get() ? 1L << 40 : real.freeBytes();
      ServerConfig config = RunningServer.config(disk.resolve("data")).withLocalDataRoots(List.of(files));
      try (RunningServer server = RunningServer.start(config, free);
          PersonalizeClient p = withoutRetries(server);
          PersonalizeEventsClient events = eventsWithoutRetries(server)) {
        String group = Workflow.activeGroup(p, "tmpfs");
        String dataset = Workflow.activeDataset(p, group, "Interactions", Schemas.INTERACTIONS);
        String tracker = p.createEventTracker(r -> r.name(Workflow.unique("tracker")).datasetGroupArn(group)).eventTrackerArn();
        Await.finalStatus(() -> p.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().status(), Workflow.WAIT);
        String trackingId = p.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().trackingId();
        Path ballast = disk.resolve("ballast");
        fill(ballast);
        assertThat(health(server).path("writable").asBoolean()).isFalse();

        // Writes go on until the database cannot grow; the answer is then 503 with words, never 500.
        PersonalizeException refused = null;
        String bigSchema = bigSchema();
        for (int i = 0; i < 2000 && refused == null; i++) {
          try {
            String name = Workflow.unique("filler");
            p.createSchema(r -> r.name(name).schema(bigSchema));
          } catch (PersonalizeException e) {
            refused = e;
          }
        }
        assertThat(refused).as("the database never ran out of room").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
        assertThat(refused.awsErrorDetails().errorMessage()).startsWith("The data directory's disk is full: ").contains(" free.");
        PersonalizeEventsException eventsRefused =
            catchThrowableOfType(
                PersonalizeEventsException.class,
                () -> events.putEvents(r -> r.trackingId(trackingId).userId("u1").sessionId("s1")
                    .eventList(Event.builder().eventType("watch").itemId("i1").sentAt(Instant.ofEpochSecond(1_700_000_000L)).build())));
        assertThat(eventsRefused).as("PutEvents on a full disk").isNotNull();
        assertThat(eventsRefused.statusCode()).isEqualTo(503);
        assertThat(eventsRefused.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
        assertThat(eventsRefused.awsErrorDetails().errorMessage()).startsWith("The data directory's disk is full: ");
        JsonNode full = health(server);
        assertThat(full.path("writable").asBoolean()).isFalse();
        assertThat(full.path("message").asText()).startsWith("The data directory's disk is full: ");
        // Reads still work.
        assertThat(p.describeDataset(r -> r.datasetArn(dataset)).dataset().status()).isEqualTo("ACTIVE");

        Files.delete(ballast);
        assertThat(health(server).path("writable").asBoolean()).isTrue();
        Workflow.activeGroup(p, "after");

        Path big = writeInteractions(files.resolve("big.csv"), 400_000);
        overstate.set(true);
        DatasetImportJob filled = importFrom(p, dataset, big);
        overstate.set(false);
        assertThat(filled.status()).isEqualTo("CREATE FAILED");
        assertThat(filled.failureReason()).startsWith("The data directory's disk filled up while this was written; ").doesNotContain("Internal error");
        assertThat(health(server).path("writable").asBoolean()).as("the failed import cleaned up").isTrue();

        DatasetImportJob early = importFrom(p, dataset, big);
        assertThat(early.status()).isEqualTo("CREATE FAILED");
        assertThat(early.failureReason()).startsWith("Not enough free space on the data directory's disk: importing " + Files.size(big) + " bytes of CSV");
      }
    } finally {
      Process umount = new ProcessBuilder("umount", disk.toString()).redirectErrorStream(true).start();
      umount.getInputStream().readAllBytes();
      umount.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static PersonalizeEventsClient eventsWithoutRetries(RunningServer server) {
    return PersonalizeEventsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static PersonalizeClient withoutRetries(RunningServer server) {
    return PersonalizeClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(RunningServer.ACCESS_KEY, RunningServer.SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Writes until the disk refuses another byte. */
  private static void fill(Path ballast) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(ballast)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      if (!DiskSpace.isDiskFull(e)) {
        throw e;
      }
    }
  }

  /** A valid Interactions schema near the 10,000-character limit, so that each CreateSchema writes a lot. */
  private static String bigSchema() {
    String doc = "x".repeat(9_000);
    return Schemas.INTERACTIONS.replaceFirst("\\{", "{\"doc\":\"" + doc + "\",");
  }

  private static Path writeInteractions(Path file, int rows) throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write(GenreShop.INTERACTIONS_HEADER + "\n");
      for (int i = 0; i < rows; i++) {
        w.write("user-" + random.nextInt(50_000) + ",item-" + random.nextInt(20_000) + ",watch,1," + (1_700_000_000L + i) + "\n");
      }
    }
    return file;
  }
}
