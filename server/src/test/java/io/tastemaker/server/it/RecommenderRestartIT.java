package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.DomainShops;
import io.tastemaker.server.testing.ServerProcess;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * Recommenders across restarts of a separate server process: a SIGKILL in the middle of a
 * recommender's training is followed by the training after the restart, and the recommender is
 * still ACTIVE with the same answers after a further restart; the retraining schedule
 * ({@code TASTEMAKER_RECOMMENDER_RETRAINING}) retrains an ACTIVE recommender on the events streamed
 * since, which a popularity use case shows, since it does not follow events between trainings.
 */
class RecommenderRestartIT {
  @TempDir Path dir;

  @Test
  void a_recommender_killed_while_training_trains_after_the_restart_and_survives_restarts() throws Exception {
    Path data = dir.resolve("data");
    String arn;
    try (ServerProcess first = ServerProcess.start(data);
        PersonalizeClient personalize = first.personalize()) {
      String group = DomainShops.importedGroup(personalize, "ECOMMERCE", dir.resolve("shop"));
      arn = personalize.createRecommender(r -> r.name("for-you").datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you"))
          .recommenderArn();
      Await.until(() -> personalize.describeRecommender(r -> r.recommenderArn(arn)).recommender().status(), Set.of("CREATE IN_PROGRESS", "ACTIVE"), Workflow.WAIT);
      assertThat(personalize.describeRecommender(r -> r.recommenderArn(arn)).recommender().status()).isEqualTo("CREATE IN_PROGRESS");
      first.killHard();
    }
    List<PredictedItem> answered;
    try (ServerProcess second = ServerProcess.start(data);
        PersonalizeClient personalize = second.personalize();
        PersonalizeRuntimeClient runtime = second.runtime()) {
      String status = Await.finalStatus(() -> personalize.describeRecommender(r -> r.recommenderArn(arn)).recommender().status(), Workflow.TRAINING);
      assertThat(status).as("%s", personalize.describeRecommender(r -> r.recommenderArn(arn)).recommender().failureReason()).isEqualTo("ACTIVE");
      assertThat(personalize.describeRecommender(r -> r.recommenderArn(arn)).recommender().modelMetrics()).containsKey("coverage");
      answered = runtime.getRecommendations(r -> r.recommenderArn(arn).userId("user-005").numResults(10)).itemList();
      assertThat(answered).hasSize(10);
    }
    try (ServerProcess third = ServerProcess.start(data);
        PersonalizeClient personalize = third.personalize();
        PersonalizeRuntimeClient runtime = third.runtime()) {
      assertThat(personalize.listRecommenders(r -> {}).recommenders()).extracting(s -> s.recommenderArn()).containsExactly(arn);
      assertThat(personalize.describeRecommender(r -> r.recommenderArn(arn)).recommender().status()).isEqualTo("ACTIVE");
      assertThat(runtime.getRecommendations(r -> r.recommenderArn(arn).userId("user-005").numResults(10)).itemList()).isEqualTo(answered);
    }
  }

  @Test
  void recommenders_are_retrained_on_their_schedule_with_the_events_streamed_since() throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), Map.of("TASTEMAKER_RECOMMENDER_RETRAINING", "PT2S"));
        PersonalizeClient personalize = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime();
        PersonalizeEventsClient events = server.events()) {
      String group = DomainShops.importedGroup(personalize, "VIDEO_ON_DEMAND", dir.resolve("videos"));
      String arn = DomainShops.activeRecommender(personalize, group, "aws-vod-most-popular");
      String before = runtime.getRecommendations(r -> r.recommenderArn(arn).userId("user-001").numResults(1)).itemList().get(0).itemId();
      assertThat(before).isNotEqualTo("movie-059");
      // 60 new viewers watch movie-059: more users than any movie has.
      String tracker = Workflow.trackingId(personalize, group);
      for (int u = 0; u < 60; u++) {
        String user = "fan-" + u;
        events.putEvents(r -> r.trackingId(tracker).userId(user).sessionId("s-" + user)
            .eventList(Event.builder().eventType("Watch").itemId("movie-059").sentAt(Instant.now()).build()));
      }
      Await.condition(
          () -> runtime.getRecommendations(r -> r.recommenderArn(arn).userId("user-001").numResults(1)).itemList().get(0).itemId().equals("movie-059"),
          Workflow.WAIT, "the retrained recommender ranks movie-059 first");
      assertThat(server.output()).contains("retraining " + arn + " on its schedule");
      assertThat(personalize.describeRecommender(r -> r.recommenderArn(arn)).recommender().status()).isEqualTo("ACTIVE");
    }
  }
}
