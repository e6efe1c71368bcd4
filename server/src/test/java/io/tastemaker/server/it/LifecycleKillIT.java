package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/** A SIGKILL in the middle of a dataset export and of a data deletion: both finish after the restart, and leave no half file or deleted user behind. */
class LifecycleKillIT {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final int USERS = 20_000;
  private static final int PER_USER = 30;
  private static final int DELETED = 2_000;

  @TempDir Path dir;

  private static String user(int u) {
    return String.format("kill-user-%06d", u);
  }

  @Test
  void an_export_and_a_deletion_killed_while_in_progress_finish_after_the_restart() throws Exception {
    Path data = dir.resolve("data");
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\n");
    for (int u = 0; u < USERS; u++) {
      for (int k = 0; k < PER_USER; k++) {
        csv.append(user(u)).append(",item-").append((u * 7 + k * 13) % 900).append(",watch,1,").append(1_700_000_000L + k).append('\n');
      }
    }
    Path interactionsCsv = Files.writeString(dir.resolve("interactions.csv"), csv);
    StringBuilder deleted = new StringBuilder("USER_ID\n");
    for (int u = 0; u < DELETED; u++) {
      deleted.append(user(u)).append('\n');
    }
    Path deletionCsv = Files.writeString(dir.resolve("deleted.csv"), deleted);
    Path exports = dir.resolve("exports");

    String group;
    String export;
    try (ServerProcess first = ServerProcess.start(data);
        PersonalizeClient p = first.personalize()) {
      group = Workflow.activeGroup(p, "kill");
      String dataset = Workflow.activeDataset(p, group, "Interactions", Schemas.INTERACTIONS);
      String job = p.createDatasetImportJob(r -> r.jobName("kill-import").datasetArn(dataset).dataSource(s -> s.dataLocation(interactionsCsv.toString()))).datasetImportJobArn();
      assertThat(Await.finalStatus(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), WAIT)).isEqualTo("ACTIVE");
      export =
          p.createDatasetExportJob(r -> r.jobName("kill-export").datasetArn(dataset).ingestionMode("BULK").roleArn("arn:aws:iam::000000000000:role/p")
                  .jobOutput(o -> o.s3DataDestination(d -> d.path(exports.toString()))))
              .datasetExportJobArn();
      String seen = Await.until(() -> p.describeDatasetExportJob(r -> r.datasetExportJobArn(export)).datasetExportJob().status(), Set.of("CREATE IN_PROGRESS", "ACTIVE"), WAIT);
      assertThat(seen).as("the kill lands while the export runs").isEqualTo("CREATE IN_PROGRESS");
      first.killHard();
    }

    String deletion;
    try (ServerProcess second = ServerProcess.start(data);
        PersonalizeClient p = second.personalize()) {
      assertThat(Await.finalStatus(() -> p.describeDatasetExportJob(r -> r.datasetExportJobArn(export)).datasetExportJob().status(), WAIT)).isEqualTo("ACTIVE");
      List<String> lines = Files.readAllLines(exports.resolve("kill-export").resolve("part-00000.csv"));
      assertThat(lines).hasSize(1 + USERS * PER_USER);
      try (Stream<Path> files = Files.list(exports.resolve("kill-export"))) {
        assertThat(files.map(f -> f.getFileName().toString())).containsExactly("part-00000.csv");
      }
      deletion =
          p.createDataDeletionJob(r -> r.jobName("kill-deletion").datasetGroupArn(group).roleArn("arn:aws:iam::000000000000:role/p")
                  .dataSource(s -> s.dataLocation(deletionCsv.toString())))
              .dataDeletionJobArn();
      String seen = Await.until(() -> p.describeDataDeletionJob(r -> r.dataDeletionJobArn(deletion)).dataDeletionJob().status(), Set.of("IN_PROGRESS", "COMPLETED", "FAILED"), WAIT);
      assertThat(seen).as("the kill lands while the deletion runs").isEqualTo("IN_PROGRESS");
      second.killHard();
    }

    try (ServerProcess third = ServerProcess.start(data);
        PersonalizeClient p = third.personalize()) {
      String status = Await.until(() -> p.describeDataDeletionJob(r -> r.dataDeletionJobArn(deletion)).dataDeletionJob().status(), Set.of("COMPLETED", "FAILED"), WAIT);
      assertThat(status).as(p.describeDataDeletionJob(r -> r.dataDeletionJobArn(deletion)).dataDeletionJob().failureReason()).isEqualTo("COMPLETED");
      assertThat(p.describeDataDeletionJob(r -> r.dataDeletionJobArn(deletion)).dataDeletionJob().numDeleted()).isEqualTo(DELETED * PER_USER);
    }
    List<String> holding = new ArrayList<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String u : List.of(user(0), user(1234), user(DELETED - 1))) {
          if (bytes.contains(u)) {
            holding.add(data.relativize(file) + " holds " + u);
          }
        }
      }
    }
    assertThat(holding).isEmpty();
  }
}
