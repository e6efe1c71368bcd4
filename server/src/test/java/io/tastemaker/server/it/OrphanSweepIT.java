package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/**
 * Crashes and failures do not leak disk: after SIGKILLs in the middle of an import the restarted
 * server deletes the killed attempts' segments and half-written files before any job runs, and a
 * failed job is followed by a sweep that spares the segments of an import still running.
 */
class OrphanSweepIT {
  /** Enough rows for two full segments of 4,194,304 rows and a partial one: seconds of work after the first segment lands. */
  private static final int ROWS = 9_000_000;
  private static final Duration IMPORT = Duration.ofMinutes(5);
  private static final String SCHEMA =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}""";

  @TempDir static Path shared;
  private static Path bigCsv;

  @TempDir Path dir;

  @BeforeAll
  static void writeBigCsv() throws IOException {
    bigCsv = shared.resolve("big.csv");
    SplittableRandom random = new SplittableRandom(11);
    try (BufferedWriter w = Files.newBufferedWriter(bigCsv)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP\n");
      for (int i = 0; i < ROWS; i++) {
        w.write("u" + random.nextInt(200_000) + ",i" + random.nextInt(20_000) + "," + (1_700_000_000L + i) + "\n");
      }
    }
  }

  @Test
  void after_hard_kills_during_an_import_the_restarted_server_leaves_only_referenced_objects() throws Exception {
    Path data = dir.resolve("data");
    Path objects = data.resolve("objects");
    String dataset;
    String importJob;
    Path segments;
    try (ServerProcess first = ServerProcess.start(data, "--local-data", shared.toString());
        PersonalizeClient p = first.personalize()) {
      String group = Workflow.activeGroup(p, "kill-import");
      dataset = Workflow.activeDataset(p, group, "Interactions", SCHEMA);
      segments = objects.resolve("datasets/" + Arns.resourceName(dataset));
      importJob = p.createDatasetImportJob(r -> r.jobName(Workflow.unique("big")).datasetArn(dataset).dataSource(s -> s.dataLocation(bigCsv.toString())))
          .datasetImportJobArn();
      killWhenASegmentOfAttemptLands(first, segments, 1);
    }
    long afterFirstKill = bytesUnder(objects);
    assertThat(attemptsIn(segments)).containsExactly(1);

    try (ServerProcess second = ServerProcess.start(data, "--local-data", shared.toString())) {
      killWhenASegmentOfAttemptLands(second, segments, 2);
    }
    long afterSecondKill = bytesUnder(objects);
    assertThat(attemptsIn(segments)).as("the first attempt's segments went at the second start").containsExactly(2);
    // Leftovers of a process that died at any point: a model of no version, and a half-written object.
    Path strayModel = Files.createDirectories(objects.resolve("models/no-such-solution")).resolve("0badf00d.model");
    Files.write(strayModel, new byte[4096]);
    Path halfWritten = Files.createDirectories(objects.resolve(".staging")).resolve("dead-writer.part");
    Files.write(halfWritten, new byte[4096]);

    try (ServerProcess third = ServerProcess.start(data, "--local-data", shared.toString());
        PersonalizeClient p = third.personalize()) {
      assertThat(Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(importJob)).datasetImportJob().status(), IMPORT)).isEqualTo("ACTIVE");
    }
    long afterCompletion = bytesUnder(objects);
    Set<String> referenced = segmentKeysOf(data, dataset);
    Set<String> stored = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(objects)) {
      walk.filter(Files::isRegularFile).forEach(f -> stored.add(objects.relativize(f).toString()));
    }
    System.out.printf("objects/ after the first kill %.1f MB, after the second %.1f MB, after the restart and the import %.1f MB (%d segments, all referenced)%n",
        afterFirstKill / 1e6, afterSecondKill / 1e6, afterCompletion / 1e6, referenced.size());
    assertThat(stored).as("every object left is one the dataset references").isEqualTo(referenced);
    assertThat(attemptsIn(segments)).containsExactly(3);
    assertThat(afterFirstKill).isPositive();
    assertThat(afterSecondKill).isPositive();
    long referencedBytes = 0;
    for (String key : referenced) {
      referencedBytes += Files.size(objects.resolve(key));
    }
    assertThat(afterCompletion).isEqualTo(referencedBytes);
  }

  @Test
  void a_failed_job_sweeps_unreferenced_objects_but_spares_an_import_still_running() throws Exception {
    try (RunningServer server = RunningServer.start(withSharedFolder(dir.resolve("data")));
        PersonalizeClient p = server.personalize()) {
      Path objects = server.dataDir().resolve("objects");
      String busyGroup = Workflow.activeGroup(p, "busy");
      String busy = Workflow.activeDataset(p, busyGroup, "Interactions", SCHEMA);
      String failingGroup = Workflow.activeGroup(p, "failing");
      String failing = Workflow.activeDataset(p, failingGroup, "Interactions", SCHEMA);
      Path ghost = Files.createDirectories(objects.resolve("datasets/" + Arns.resourceName(failing))).resolve("ghost-a1-00000.seg");
      Files.write(ghost, new byte[1000]);
      Path stray = Files.createDirectories(objects.resolve("models/gone")).resolve("1.model");
      Files.write(stray, new byte[1000]);

      String running = p.createDatasetImportJob(r -> r.jobName(Workflow.unique("busy")).datasetArn(busy).dataSource(s -> s.dataLocation(bigCsv.toString())))
          .datasetImportJobArn();
      Path busySegments = objects.resolve("datasets/" + Arns.resourceName(busy));
      Await.condition(() -> !attemptsIn(busySegments).isEmpty(), IMPORT, "the big import wrote its first segment");

      Path badCsv = Files.writeString(dir.resolve("bad.csv"), "USER_ID,ITEM_ID\nu1,i1\n");
      String bad = p.createDatasetImportJob(r -> r.jobName(Workflow.unique("bad")).datasetArn(failing).dataSource(s -> s.dataLocation(badCsv.toString())))
          .datasetImportJobArn();
      assertThat(Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(bad)).datasetImportJob().status(), Workflow.WAIT)).isEqualTo("CREATE FAILED");
      Await.condition(() -> !Files.exists(ghost) && !Files.exists(stray), Workflow.WAIT, "the sweep after the failure deleted the unreferenced objects");
      assertThat(p.describeDatasetImportJob(r -> r.datasetImportJobArn(running)).datasetImportJob().status())
          .as("the big import was still running when the sweep ran").isEqualTo("CREATE IN_PROGRESS");

      assertThat(Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(running)).datasetImportJob().status(), IMPORT)).isEqualTo("ACTIVE");
      try (Stream<Path> files = Files.list(busySegments)) {
        assertThat(files.count()).as("the running import kept every segment it wrote").isEqualTo(3);
      }
    }
  }

  /** Polls the dataset's folder until a segment of the attempt is there, then kills the server. */
  private static void killWhenASegmentOfAttemptLands(ServerProcess server, Path segments, int attempt) throws InterruptedException {
    Await.condition(() -> attemptsIn(segments).contains(attempt), IMPORT, "a segment of attempt " + attempt + " is written");
    server.killHard();
  }

  /** The import attempts whose segments are in the folder. */
  private static Set<Integer> attemptsIn(Path segments) {
    Set<Integer> attempts = new TreeSet<>();
    if (!Files.isDirectory(segments)) {
      return attempts;
    }
    try (Stream<Path> files = Files.list(segments)) {
      files.map(f -> f.getFileName().toString())
          .filter(name -> name.matches(".*-a\\d+-\\d+\\.seg"))
          .forEach(name -> attempts.add(Integer.parseInt(name.replaceAll(".*-a(\\d+)-\\d+\\.seg", "$1"))));
    } catch (IOException e) {
      // the folder changed while it was listed; the next poll sees it
    }
    return attempts;
  }

  private static long bytesUnder(Path folder) throws IOException {
    long bytes = 0;
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        bytes += Files.size(f);
      }
    }
    return bytes;
  }

  /** The dataset's segment list as the stopped server's database holds it. */
  private static Set<String> segmentKeysOf(Path data, String dataset) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("tastemaker.db"));
        PreparedStatement s = c.prepareStatement("SELECT attributes FROM resources WHERE arn = ?")) {
      s.setString(1, dataset);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        JsonNode attributes = new ObjectMapper().readTree(rs.getString(1));
        List<String> keys = new ArrayList<>();
        attributes.get("_segments").forEach(k -> keys.add(k.asText()));
        return new TreeSet<>(keys);
      }
    }
  }

  /** The test's own server, also allowed to read the big CSV that the tests share. */
  private static ServerConfig withSharedFolder(Path data) {
    ServerConfig config = RunningServer.config(data);
    return config.withLocalDataRoots(List.of(config.localDataRoots().get(0), shared.toAbsolutePath()));
  }
}
