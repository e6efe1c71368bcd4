package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * SIGKILL in the middle of real work: events PutEvents acknowledged still shape the answers after
 * the restart, and a batch job that was running finishes afterwards with every line of its output.
 */
class EventsAndBatchKillIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int ITEMS = 30;
  private static final long BASE = 1_700_000_000L;
  private static final int BATCH_LINES = 300_000;
  private static final String SCHEMA =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}""";

  @TempDir Path dir;

  @Test
  void acknowledged_events_and_a_running_batch_job_survive_a_hard_kill() throws Exception {
    Path csv = Files.createDirectories(dir.resolve("csv")).resolve("interactions.csv");
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder rows = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP\n");
    for (int u = 0; u < 200; u++) {
      int item = random.nextInt(ITEMS);
      for (int k = 0; k < 8 + random.nextInt(9); k++) {
        rows.append("user-").append(u).append(",item-").append(item).append(',').append(BASE + 60L * k).append('\n');
        item = (item + 1) % ITEMS;
      }
    }
    Files.writeString(csv, rows);
    Path input = dir.resolve("users.json");
    try (BufferedWriter w = Files.newBufferedWriter(input)) {
      for (int i = 0; i < BATCH_LINES; i++) {
        w.write("{\"userId\": \"user-" + (i % 200) + "\"}\n");
      }
    }
    Path output = dir.resolve("out");
    Path data = dir.resolve("data");
    String campaign;
    String batch;
    List<String> afterEvents;
    try (ServerProcess first = ServerProcess.start(data);
        PersonalizeClient p = first.personalize();
        PersonalizeRuntimeClient runtime = first.runtime();
        PersonalizeEventsClient events = first.events()) {
      String group = Workflow.activeGroup(p, "kill");
      Workflow.importInto(p, group, "Interactions", SCHEMA, csv);
      String version = Workflow.trainedVersion(p, group, "aws-hrnn", Map.of("hidden_dimension", "32", "epochs", "10", "bptt", "8", "threads", "2"));
      campaign = Workflow.activeCampaign(p, version);
      String trackingId = Workflow.trackingId(p, group);

      events.putEvents(r -> r.trackingId(trackingId).userId("walker").sessionId("s-walker").eventList(
          Event.builder().eventType("watch").itemId("item-10").sentAt(Instant.ofEpochSecond(BASE + 100_000)).build(),
          Event.builder().eventType("watch").itemId("item-11").sentAt(Instant.ofEpochSecond(BASE + 100_060)).build()));
      afterEvents = runtime.getRecommendations(r -> r.campaignArn(campaign).userId("walker").numResults(5)).itemList().stream().map(PredictedItem::itemId).toList();
      assertThat(afterEvents).contains("item-12");

      batch = p.createBatchInferenceJob(r -> r.jobName("kill-batch").solutionVersionArn(version).numResults(10).roleArn("arn:aws:iam::000000000000:role/b")
          .jobInput(i -> i.s3DataSource(s -> s.path(input.toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(output.toString())))).batchInferenceJobArn();
      Await.condition(() -> p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(batch)).batchInferenceJob().status().equals("CREATE IN_PROGRESS"), WAIT, "the batch job runs");
      first.killHard();
    }
    try (ServerProcess second = ServerProcess.start(data);
        PersonalizeClient p = second.personalize();
        PersonalizeRuntimeClient runtime = second.runtime()) {
      assertThat(runtime.getRecommendations(r -> r.campaignArn(campaign).userId("walker").numResults(5)).itemList().stream().map(PredictedItem::itemId).toList())
          .as("the answer after the restart reads the events acknowledged before the kill").isEqualTo(afterEvents);
      assertThat(Await.finalStatus(() -> p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(batch)).batchInferenceJob().status(), Duration.ofMinutes(3)))
          .isEqualTo("ACTIVE");
      List<String> lines = Files.readAllLines(output.resolve("users.json.out"));
      assertThat(lines).hasSize(BATCH_LINES);
      assertThat(lines.get(BATCH_LINES - 1)).startsWith("{\"input\":{\"userId\":\"user-" + ((BATCH_LINES - 1) % 200) + "\"},\"output\":{\"recommendedItems\":[");
      try (var files = Files.list(output)) {
        assertThat(files.map(f -> f.getFileName().toString()).toList()).as("no half-written file left").containsExactly("users.json.out");
      }
    }
  }
}
