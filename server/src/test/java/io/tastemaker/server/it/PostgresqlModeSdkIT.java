package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.datadir.DataDirectoryMismatch;
import io.tastemaker.server.store.DatabaseLocation;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.PostgresCluster;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * The server with its metadata in PostgreSQL (a throwaway cluster, {@link PostgresCluster}), through
 * the AWS SDK for Java v2: the genre shop imported, an aws-hrnn campaign, PutEvents changing the next
 * answer, a filter, a batch inference job; then {@code tastemaker serve} started on the same database
 * by {@code TASTEMAKER_DATABASE} answers the same, events included, and nothing was kept in SQLite;
 * an empty database under the same objects is refused.
 */
class PostgresqlModeSdkIT {
  private static final String HORROR = "Horror";

  @TempDir Path dir;

  @Test
  void the_workflow_runs_on_postgresql_and_a_restart_on_the_same_database_keeps_everything() throws Exception {
    DatabaseLocation database = PostgresCluster.shared().newDatabase();
    Path dataDir = dir.resolve("data");
    String campaign;
    String filter;
    String group;
    List<String> afterEvents;
    List<String> dramaOnly;
    try (RunningServer server = RunningServer.start(RunningServer.config(dataDir).withDatabase(database));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime();
        PersonalizeEventsClient events = server.events()) {
      group = Workflow.activeGroup(p, "pg");
      Workflow.importGenreShop(p, group, Files.createDirectories(server.localData().resolve("shop")));
      String trackingId = Workflow.trackingId(p, group);
      campaign = Workflow.deployed(p, group, "aws-hrnn", Workflow.QUICK_HRNN);
      String campaignArn = campaign;

      List<String> before = top(runtime, campaign, "pg-newcomer", 10);
      List<Event> watched = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        String movie = GenreShop.movieId(GenreShop.GENRES.indexOf(HORROR) * GenreShop.PER_GENRE + k);
        watched.add(Event.builder().eventId("pg-" + k).eventType("watch").itemId(movie).sentAt(Instant.ofEpochSecond(GenreShop.BASE + 400 * GenreShop.DAY + 60L * k)).build());
      }
      events.putEvents(r -> r.trackingId(trackingId).userId("pg-newcomer").sessionId("pg-session").eventList(watched));
      afterEvents = top(runtime, campaign, "pg-newcomer", 10);
      // PostgreSQL cannot store U+0000 in text: refused as bad input (on SQLite too), never a 500.
      assertThatThrownBy(() -> events.putEvents(r -> r.trackingId(trackingId).userId("pg\u0000user").sessionId("pg-session").eventList(watched.get(0))))
          .isInstanceOf(software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class).hasMessageContaining("U+0000");
      assertThat(afterEvents).isNotEqualTo(before);
      // The run's next movie leads the answer. (Counting Horror items in it counted the watched ones too,
      // which the history bias rightly pushes down.)
      String continuation = GenreShop.movieId(GenreShop.GENRES.indexOf(HORROR) * GenreShop.PER_GENRE + 6);
      assertThat(afterEvents.get(0)).as("the first item after six Horror watches, %s before", before).isEqualTo(continuation);

      String groupArn = group;
      filter = p.createFilter(r -> r.name(Workflow.unique("genre")).datasetGroupArn(groupArn)
          .filterExpression("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)")).filterArn();
      String filterArn = filter;
      assertThat(Await.finalStatus(() -> p.describeFilter(r -> r.filterArn(filterArn)).filter().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
      dramaOnly = runtime.getRecommendations(r -> r.campaignArn(campaignArn).userId(GenreShop.userId(0)).numResults(5).filterArn(filterArn)
          .filterValues(Map.of("GENRE", "\"Drama\""))).itemList().stream().map(PredictedItem::itemId).toList();
      assertThat(dramaOnly).hasSize(5).allSatisfy(id -> assertThat(GenreShop.genreOf(id)).isEqualTo("Drama"));

      Path in = Files.writeString(server.localData().resolve("users.json"), "{\"userId\": \"pg-newcomer\"}\n{\"userId\": \"" + GenreShop.userId(3) + "\"}\n");
      Path out = server.localData().resolve("batch-out");
      String version = p.describeCampaign(r -> r.campaignArn(campaignArn)).campaign().solutionVersionArn();
      String job = p.createBatchInferenceJob(r -> r.jobName(Workflow.unique("batch")).solutionVersionArn(version).numResults(10)
          .roleArn("arn:aws:iam::000000000000:role/batch").jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
          .jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))).batchInferenceJobArn();
      Await.finalStatus(() -> p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(job)).batchInferenceJob().status(), Workflow.WAIT);
      BatchInferenceJob done = p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(job)).batchInferenceJob();
      assertThat(done.status()).as(done.failureReason()).isEqualTo("ACTIVE");
      List<String> lines = Files.readAllLines(out.resolve("users.json.out"));
      assertThat(lines).hasSize(2);
      // A batch job answers from the trained model alone, so the newcomer's events are not in it.
      assertThat(items(lines.get(0))).hasSize(10).isNotEqualTo(afterEvents);
      assertThat(items(lines.get(1))).isEqualTo(top(runtime, campaign, GenreShop.userId(3), 10));
    }

    // Everything is in PostgreSQL: the data directory holds objects only.
    assertThat(dataDir.resolve("tastemaker.db")).doesNotExist();
    try (Connection c = DriverManager.getConnection(database.jdbcUrl().orElseThrow());
        Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT COUNT(*) FROM events WHERE user_id = 'pg-newcomer'")).isEqualTo(6);
      assertThat(count(s, "SELECT COUNT(*) FROM resources WHERE kind = 'CAMPAIGN'")).isEqualTo(1);
      assertThat(count(s, "SELECT COUNT(*) FROM jobs")).isZero();
    }

    // The packaged command on the same database, named by the environment this time.
    try (ServerProcess restarted = ServerProcess.start(dataDir, Map.of("TASTEMAKER_DATABASE", database.jdbcUrl().orElseThrow()));
        PersonalizeClient p = restarted.personalize();
        PersonalizeRuntimeClient runtime = restarted.runtime()) {
      String campaignArn = campaign;
      String filterArn = filter;
      String groupArn = group;
      assertThat(restarted.output()).contains("metadata in jdbc:postgresql://127.0.0.1:").doesNotContain("user=" + PostgresCluster.USER);
      assertThat(p.listDatasetGroups(r -> r.maxResults(100)).datasetGroups()).extracting(g -> g.datasetGroupArn()).contains(groupArn);
      assertThat(p.describeCampaign(r -> r.campaignArn(campaignArn)).campaign().status()).isEqualTo("ACTIVE");
      assertThat(top(runtime, campaign, "pg-newcomer", 10)).isEqualTo(afterEvents);
      assertThat(runtime.getRecommendations(r -> r.campaignArn(campaignArn).userId(GenreShop.userId(0)).numResults(5).filterArn(filterArn)
          .filterValues(Map.of("GENRE", "\"Drama\""))).itemList()).extracting(PredictedItem::itemId).isEqualTo(dramaOnly);
    }

    // Another, empty database under the same objects is refused, as a lost tastemaker.db is.
    DatabaseLocation empty = PostgresCluster.shared().newDatabase();
    assertThatThrownBy(() -> RunningServer.start(RunningServer.config(dataDir).withDatabase(empty)))
        .isInstanceOf(DataDirectoryMismatch.class)
        .hasMessageContaining("but the database " + empty.describe() + " holds no resources")
        .hasMessageContaining("Restore the database and objects/ together");
  }

  private static List<String> top(PersonalizeRuntimeClient runtime, String campaign, String user, int n) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(n)).itemList().stream().map(PredictedItem::itemId).toList();
  }

  private static List<String> items(String outLine) throws Exception {
    JsonNode line = new ObjectMapper().readTree(outLine);
    List<String> ids = new ArrayList<>();
    line.get("output").get("recommendedItems").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
