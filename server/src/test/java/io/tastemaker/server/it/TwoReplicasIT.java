package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.store.DatabaseLocation;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.MotoServer;
import io.tastemaker.server.testing.PostgresCluster;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two {@code tastemaker serve} processes on one PostgreSQL database and one moto bucket form one
 * service: what is created and imported through A is trained, deployed and queried through B; events
 * put through B change A's answers within a second; UpdateCampaign through B switches A's model
 * without a failed request; and the replica that claimed a training, killed
 * with SIGKILL mid-training, loses it to the other once its lease runs out, which trains it to ACTIVE.
 */
class TwoReplicasIT {
  private static final String BUCKET = "replicas";
  /** Short, so that the test waits seconds, not half a minute, for a dead replica's lease. */
  private static final String LEASE_SECONDS = "3";

  @TempDir Path dir;

  private static List<String> top(PersonalizeRuntimeClient runtime, String campaign, String user) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(10)).itemList().stream().map(PredictedItem::itemId).toList();
  }

  @Test
  void two_replicas_share_resources_events_and_jobs_and_one_finishes_the_training_of_the_other_after_a_sigkill() throws Exception {
    DatabaseLocation database = PostgresCluster.shared().newDatabase();
    try (MotoServer moto = MotoServer.start(); S3Client s3 = moto.s3()) {
      s3.createBucket(r -> r.bucket(BUCKET));
      Map<String, String> environment = new HashMap<>(Map.of(
          "AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY, "AWS_REGION", "us-east-1",
          "TASTEMAKER_DATABASE", database.jdbcUrl().orElseThrow(), "TASTEMAKER_JOB_LEASE_SECONDS", LEASE_SECONDS));
      String[] args = {"--object-store", "s3://" + BUCKET + "/cluster", "--s3-endpoint", moto.endpoint().toString()};
      // Both data directories share the parent that --local-data names, where the import files are.
      Path shared = Files.createDirectories(dir.resolve("shared"));
      String user = "visitor";
      try (ServerProcess a = ServerProcess.start(shared.resolve("a"), environment, args);
          ServerProcess b = ServerProcess.start(shared.resolve("b"), environment, args)) {
        String group;
        try (PersonalizeClient throughA = a.personalize();
            PersonalizeClient throughB = b.personalize();
            PersonalizeRuntimeClient askA = a.runtime();
            PersonalizeRuntimeClient askB = b.runtime();
            PersonalizeEventsClient eventsB = b.events()) {
          group = Workflow.activeGroup(throughA, "replicas");
          Workflow.importGenreShop(throughA, group, shared);
          assertThat(throughB.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status()).isEqualTo("ACTIVE");

          String version = Workflow.trainedVersion(throughB, group, "aws-hrnn", Workflow.QUICK_HRNN);
          String campaign = Workflow.activeCampaign(throughB, version);
          List<String> before = top(askB, campaign, user);
          assertThat(before).hasSize(10);
          assertThat(top(askA, campaign, user)).as("both replicas serve the same model").isEqualTo(before);

          String trackingId = Workflow.trackingId(throughB, group);
          List<Event> horror = new ArrayList<>();
          for (int n = 0; n < 10; n++) {
            String item = GenreShop.movieId(GenreShop.GENRES.indexOf("Horror") * GenreShop.PER_GENRE + n);
            horror.add(Event.builder().eventId("e" + n).eventType("watch").itemId(item).sentAt(Instant.ofEpochSecond(GenreShop.BASE + 400 * GenreShop.DAY + n)).build());
          }
          eventsB.putEvents(r -> r.trackingId(trackingId).userId(user).sessionId("s-visitor").eventList(horror));
          long put = System.nanoTime();
          List<String> after = before;
          while (after.equals(before) && System.nanoTime() - put < 5_000_000_000L) {
            after = top(askA, campaign, user);
          }
          long millis = (System.nanoTime() - put) / 1_000_000;
          assertThat(after).as("A's answer after events put through B").isNotEqualTo(before).isEqualTo(top(askB, campaign, user));
          assertThat(millis).as("milliseconds until A answered with B's events").isLessThanOrEqualTo(1000);
          System.out.println("A answered with the events put through B after " + millis + " ms");
          assertThat(a.output()).as("an unchanged campaign is never loaded again").doesNotContain("was updated through another replica");

          // UpdateCampaign through B: B's deployment loads the new configuration; A follows, answering all along.
          List<String> users = List.of(GenreShop.userId(1), GenreShop.userId(2), GenreShop.userId(3), GenreShop.userId(4));
          List<List<String>> old = users.stream().map(u -> top(askA, campaign, u)).toList();
          throughB.updateCampaign(r -> r.campaignArn(campaign).solutionVersionArn(version)
              .campaignConfig(c -> c.rankingInfluenceWithStrings(Map.of("POPULARITY", 1.0))));
          Await.finalStatus(() -> throughB.describeCampaign(r -> r.campaignArn(campaign)).campaign().latestCampaignUpdate().status(), Workflow.WAIT);
          List<List<String>> updated = users.stream().map(u -> top(askB, campaign, u)).toList();
          assertThat(updated).as("popularity reorders the answers").isNotEqualTo(old);
          long switched = System.nanoTime();
          List<List<String>> onA = old;
          while (!onA.equals(updated) && System.nanoTime() - switched < 10_000_000_000L) {
            onA = users.stream().map(u -> top(askA, campaign, u)).toList();
            assertThat(onA).allMatch(answer -> answer.size() == 10);
          }
          long switchMillis = (System.nanoTime() - switched) / 1_000_000;
          assertThat(onA).as("A serves the configuration B deployed").isEqualTo(updated);
          assertThat(switchMillis).as("milliseconds until A served the update deployed through B").isLessThanOrEqualTo(2000);
          System.out.println("A served the update deployed through B after " + switchMillis + " ms");
        }

        // A long training through A runs on whichever replica claims it; that one is killed mid-training.
        Map<String, String> slow = new HashMap<>(Workflow.QUICK_HRNN);
        slow.put("epochs", "500");
        String version;
        try (PersonalizeClient throughA = a.personalize()) {
          String solution = throughA.createSolution(r -> r.name(Workflow.unique("slow")).datasetGroupArn(group)
              .recipeArn("arn:aws:personalize:::recipe/aws-hrnn").solutionConfig(c -> c.algorithmHyperParameters(slow))).solutionArn();
          Await.finalStatus(() -> throughA.describeSolution(r -> r.solutionArn(solution)).solution().status(), Workflow.WAIT);
          version = throughA.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
          long deadline = System.nanoTime() + 60_000_000_000L;
          while (throughA.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status().equals("CREATE PENDING")
              && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
        }
        String owner = leaseOwner(database, version);
        ServerProcess trainer = a.output().contains("replica " + owner + " runs jobs") ? a : b;
        ServerProcess survivor = trainer == a ? b : a;
        assertThat(survivor.output()).doesNotContain("replica " + owner + " runs jobs");
        trainer.killHard();
        try (PersonalizeClient throughSurvivor = survivor.personalize()) {
          assertThat(throughSurvivor.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status()).isEqualTo("CREATE IN_PROGRESS");
          String status = Await.finalStatus(() -> throughSurvivor.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), Workflow.TRAINING);
          assertThat(status).as(survivor.output()).isEqualTo("ACTIVE");
        }
        assertThat(survivor.output()).contains("was interrupted (its process stopped); replica r-");
      }
    }
  }

  /** The replica holding the lease of the training job of a version, once it runs. */
  private static String leaseOwner(DatabaseLocation database, String versionArn) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (Connection c = DriverManager.getConnection(database.jdbcUrl().orElseThrow());
        PreparedStatement p = c.prepareStatement("SELECT lease_owner FROM jobs WHERE target_arn = ? AND state = 'RUNNING'")) {
      p.setString(1, versionArn);
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next()) {
            return rs.getString(1);
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("the training of " + versionArn + " never ran");
  }
}
