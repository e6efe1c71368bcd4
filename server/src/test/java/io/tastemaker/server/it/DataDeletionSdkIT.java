package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.DomainShops;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DataDeletionJob;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.User;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/**
 * Data deletion jobs through the AWS SDK for Java v2 and boto3 (the Debian CLI 2.9.19 has no such
 * command): the users' imported and streamed interactions, their Users records and their model
 * states go, they are answered as strangers at once, exports and the next training leave them out,
 * and no file of the data directory holds their ids afterwards.
 */
class DataDeletionSdkIT {
  private static final String VICTIM = "victim-alpha-7f3a9c";
  private static final String OTHER_VICTIM = "victim-beta-51e2d0";
  private static final String SESSION = "victim-session-c0ffee";
  private static final int VICTIM_ROWS = 6;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static String group;
  private static String interactions;
  private static String users;
  private static String campaign;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start(dir.resolve("data"));
    personalize = server.personalize();
    runtime = server.runtime();
    group = Workflow.activeGroup(personalize, "deletion");
    GenreShop shop = GenreShop.generate();
    Path csv = shop.writeInteractions(dir.resolve("interactions.csv"));
    StringBuilder extra = new StringBuilder();
    for (int k = 0; k < VICTIM_ROWS; k++) {
      extra.append(VICTIM).append(',').append(GenreShop.movieId(k)).append(",watch,1,").append(GenreShop.BASE + k).append('\n');
      extra.append(OTHER_VICTIM).append(',').append(GenreShop.movieId(40 + k)).append(",watch,1,").append(GenreShop.BASE + k).append('\n');
    }
    Files.writeString(csv, extra, java.nio.file.StandardOpenOption.APPEND);
    interactions = Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, csv);
    Path usersCsv = shop.writeUsers(dir.resolve("users.csv"));
    Files.writeString(usersCsv, VICTIM + ",33,F\n", java.nio.file.StandardOpenOption.APPEND);
    users = Workflow.importInto(personalize, group, "Users", Schemas.USERS, usersCsv);
    String trackingId = Workflow.trackingId(personalize, group);
    try (PersonalizeEventsClient events = server.events()) {
      events.putEvents(r -> r.trackingId(trackingId).sessionId(SESSION).eventList(
          Event.builder().eventType("watch").itemId(GenreShop.movieId(7)).sentAt(Instant.ofEpochSecond(GenreShop.BASE + 100)).build()));
      events.putEvents(r -> r.trackingId(trackingId).userId(VICTIM).sessionId(SESSION).eventList(
          Event.builder().eventType("watch").itemId(GenreShop.movieId(8)).sentAt(Instant.ofEpochSecond(GenreShop.BASE + 160)).build()));
      events.putUsers(r -> r.datasetArn(users).users(User.builder().userId(OTHER_VICTIM).properties("{\"age\": 41, \"gender\": \"M\"}").build()));
    }
    campaign = Workflow.deployed(personalize, group, "aws-hrnn", Workflow.QUICK_HRNN);
  }

  @AfterAll
  static void stop() throws Exception {
    runtime.close();
    personalize.close();
    server.close();
  }

  private static DataDeletionJob deletion(String csv) throws Exception {
    Path input = server.localData().resolve(Workflow.unique("users") + ".csv");
    Files.writeString(input, csv);
    String arn =
        personalize.createDataDeletionJob(r -> r.jobName(Workflow.unique("forget")).datasetGroupArn(group).roleArn("arn:aws:iam::000000000000:role/p")
                .dataSource(s -> s.dataLocation(input.toString())))
            .dataDeletionJobArn();
    Await.until(() -> personalize.describeDataDeletionJob(r -> r.dataDeletionJobArn(arn)).dataDeletionJob().status(), Set.of("COMPLETED", "FAILED"), Workflow.TRAINING);
    return personalize.describeDataDeletionJob(r -> r.dataDeletionJobArn(arn)).dataDeletionJob();
  }

  private static List<String> answer(String user) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId(user).numResults(10)).itemList().stream().map(i -> i.itemId()).toList();
  }

  /** The data directory's files that hold any of these strings. */
  private static List<String> filesHolding(String... needles) throws Exception {
    List<String> holding = new ArrayList<>();
    try (Stream<Path> files = Files.walk(server.dataDir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String needle : needles) {
          if (bytes.contains(needle)) {
            holding.add(server.dataDir().relativize(file) + " holds " + needle);
          }
        }
      }
    }
    return holding;
  }

  @Test
  void deleted_users_are_strangers_at_once_and_nothing_of_them_stays_in_the_files() throws Exception {
    List<String> stranger = answer("never-seen-user");
    assertThat(answer(VICTIM)).isNotEqualTo(stranger);
    assertThat(filesHolding(VICTIM, OTHER_VICTIM, SESSION)).isNotEmpty();

    DataDeletionJob job = deletion("USER_ID\n" + VICTIM + "\n" + OTHER_VICTIM + "\n");
    assertThat(job.status()).as(job.failureReason()).isEqualTo("COMPLETED");
    // Imported interactions of both, the imported Users row, two streamed events (one anonymous, claimed) and one put record.
    assertThat(job.numDeleted()).isEqualTo(2 * VICTIM_ROWS + 1 + 2 + 1);
    assertThat(job.datasetGroupArn()).isEqualTo(group);

    assertThat(answer(VICTIM)).isEqualTo(stranger);
    assertThat(answer(OTHER_VICTIM)).isEqualTo(stranger);
    assertThat(filesHolding(VICTIM, OTHER_VICTIM, SESSION)).isEmpty();

    Path out = server.localData().resolve("after-deletion");
    String export =
        personalize.createDatasetExportJob(r -> r.jobName("after-deletion").datasetArn(interactions).ingestionMode("ALL").roleArn("arn:aws:iam::000000000000:role/p")
                .jobOutput(o -> o.s3DataDestination(d -> d.path(out.toString()))))
            .datasetExportJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(export)).datasetExportJob().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    String exported = Files.readString(out.resolve("after-deletion").resolve("part-00000.csv"));
    assertThat(exported).doesNotContain("victim-").contains(GenreShop.userId(5));

    String retrained = Workflow.activeCampaign(personalize, Workflow.trainedVersion(personalize, group, "aws-hrnn", Workflow.QUICK_HRNN));
    assertThat(runtime.getRecommendations(r -> r.campaignArn(retrained).userId(VICTIM).numResults(10)).itemList())
        .isEqualTo(runtime.getRecommendations(r -> r.campaignArn(retrained).userId("never-seen-user").numResults(10)).itemList());
    assertThat(filesHolding(VICTIM, OTHER_VICTIM, SESSION)).isEmpty();
    assertThat(personalize.listDataDeletionJobs(r -> r.datasetGroupArn(group)).dataDeletionJobs()).anyMatch(s -> s.dataDeletionJobArn().equals(job.dataDeletionJobArn()) && s.status().equals("COMPLETED"));
  }

  @Test
  void a_recommender_answers_deleted_users_as_strangers_at_once_and_its_model_forgets_them() throws Exception {
    String viewer = "victim-viewer-9d41e2";
    Path videos = server.localData().resolve("deletion-videos");
    DomainShops.write("VIDEO_ON_DEMAND", videos);
    StringBuilder rows = new StringBuilder();
    for (int k = 0; k < 8; k++) {
      rows.append(viewer).append(",movie-0").append(10 + k).append(",Watch,").append(1_700_000_000L + 60L * k).append('\n');
    }
    Files.writeString(videos.resolve("interactions.csv"), rows, java.nio.file.StandardOpenOption.APPEND);
    String videoGroup = DomainShops.importWritten(personalize, "VIDEO_ON_DEMAND", videos);
    // Without exploration: explored slots are drawn per user, so two strangers would differ there.
    String topPicks = personalize.createRecommender(r -> r.name(Workflow.unique("top-picks")).datasetGroupArn(videoGroup)
            .recipeArn("arn:aws:personalize:::recipe/aws-vod-top-picks").recommenderConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", "0"))))
        .recommenderArn();
    assertThat(Await.finalStatus(() -> personalize.describeRecommender(r -> r.recommenderArn(topPicks)).recommender().status(), Workflow.TRAINING)).isEqualTo("ACTIVE");
    java.util.function.Function<String, List<String>> picks =
        user -> runtime.getRecommendations(r -> r.recommenderArn(topPicks).userId(user).numResults(10)).itemList().stream().map(i -> i.itemId()).toList();
    List<String> stranger = picks.apply("never-seen-viewer");
    assertThat(picks.apply(viewer)).isNotEqualTo(stranger);
    assertThat(filesHolding(viewer)).isNotEmpty();

    Path input = server.localData().resolve(Workflow.unique("viewers") + ".csv");
    Files.writeString(input, "USER_ID\n" + viewer + "\n");
    String arn = personalize.createDataDeletionJob(r -> r.jobName(Workflow.unique("forget-viewer")).datasetGroupArn(videoGroup).roleArn("arn:aws:iam::000000000000:role/p")
            .dataSource(s -> s.dataLocation(input.toString())))
        .dataDeletionJobArn();
    Await.until(() -> personalize.describeDataDeletionJob(r -> r.dataDeletionJobArn(arn)).dataDeletionJob().status(), Set.of("COMPLETED", "FAILED"), Workflow.TRAINING);
    DataDeletionJob job = personalize.describeDataDeletionJob(r -> r.dataDeletionJobArn(arn)).dataDeletionJob();
    assertThat(job.status()).as(job.failureReason()).isEqualTo("COMPLETED");
    assertThat(job.numDeleted()).isEqualTo(8);

    // The recommender was not retrained: its model was rewritten without the viewer and swapped in.
    assertThat(picks.apply(viewer)).isEqualTo(stranger);
    assertThat(filesHolding(viewer)).isEmpty();
    assertThat(personalize.describeRecommender(r -> r.recommenderArn(topPicks)).recommender().status()).isEqualTo("ACTIVE");
  }

  @Test
  void an_input_without_a_user_id_column_fails_saying_so() throws Exception {
    DataDeletionJob job = deletion("CUSTOMER,NAME\nc1,n1\n");
    assertThat(job.status()).isEqualTo("FAILED");
    assertThat(job.failureReason()).contains("missing the following columns:[USER_ID]");
  }

  @Test
  void a_location_outside_the_local_data_folders_is_refused_naming_the_member() {
    assertThatThrownBy(
            () -> personalize.createDataDeletionJob(r -> r.jobName(Workflow.unique("bad")).datasetGroupArn(group).roleArn("arn:aws:iam::000000000000:role/p")
                    .dataSource(s -> s.dataLocation("/etc/passwd"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dataSource.dataLocation");
  }

  @Test
  void boto3_deletes_users_too() throws Exception {
    Path input = server.localData().resolve("boto3-users.csv");
    Files.writeString(input, "user_id\n" + GenreShop.userId(170) + "\n");
    String output = DatasetExportSdkIT.run(List.of("python3", Path.of("src/test/python/boto3_lifecycle.py").toString(), server.endpoint().toString(), "delete", group, input.toString()));
    assertThat(output).contains("boto3 delete: ok");
  }
}
