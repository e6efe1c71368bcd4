package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Campaign;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.personalizeruntime.model.ResourceNotFoundException;

/**
 * Stored files damaged under a deployed campaign (a model file overwritten, cut, emptied, deleted,
 * the whole objects folder removed; a dataset's segment corrupted): no request answers 500, the
 * campaign and the version stay ACTIVE and say in their failureReason which file is wrong and what
 * cures it, requests get ResourceNotFoundException with the same words (SDK and boto3), and
 * retraining and redeploying heal it.
 */
class DamagedFilesIT {
  @TempDir Path dir;

  /** Ways a model file gets damaged. */
  enum Damage {
    SIXTY_FOUR_BYTES_OVERWRITTEN("is corrupt: its checksum does not match its content"),
    CUT_IN_HALF("is corrupt: its checksum does not match its content"),
    EMPTIED("is empty (0 bytes)"),
    DELETED("is missing"),
    OBJECTS_FOLDER_REMOVED("is missing");

    final String problem;

    Damage(String problem) {
      this.problem = problem;
    }

    void apply(Path data, Path model) throws IOException {
      switch (this) {
        case SIXTY_FOUR_BYTES_OVERWRITTEN -> {
          try (RandomAccessFile raw = new RandomAccessFile(model.toFile(), "rw")) {
            byte[] garbage = new byte[64];
            Arrays.fill(garbage, (byte) 0x42);
            raw.seek(raw.length() / 3);
            raw.write(garbage);
          }
        }
        case CUT_IN_HALF -> {
          try (RandomAccessFile raw = new RandomAccessFile(model.toFile(), "rw")) {
            raw.setLength(raw.length() / 2);
          }
        }
        case EMPTIED -> Files.write(model, new byte[0]);
        case DELETED -> Files.delete(model);
        case OBJECTS_FOLDER_REMOVED -> deleteTree(data.resolve("objects"));
      }
    }
  }

  /** A group with the genre shop imported and a deployed aws-hrnn campaign. */
  private record Shop(String group, String interactions, String items, String solution, String version, String campaign) {
    /** The version's model file, as the data directory names it. */
    String modelFile() {
      return "objects/models/" + Arns.resourceName(version) + ".model";
    }
  }

  private Shop deployShop(PersonalizeClient p) throws IOException {
    String group = Workflow.activeGroup(p, "damage");
    Path csv = Files.createDirectories(dir.resolve("csv"));
    String interactions = Workflow.importInto(p, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(csv.resolve("interactions.csv")));
    String items = Workflow.importInto(p, group, "Items", Schemas.ITEMS, GenreShop.writeItems(csv.resolve("items.csv")));
    String solution = p.createSolution(r -> r.name(Workflow.unique("sol")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-hrnn")
        .solutionConfig(c -> c.algorithmHyperParameters(Workflow.QUICK_HRNN))).solutionArn();
    String version = Workflow.trainedVersion(p, solution).solutionVersionArn();
    return new Shop(group, interactions, items, solution, version, Workflow.activeCampaign(p, version));
  }

  private static List<PredictedItem> recommend(PersonalizeRuntimeClient runtime, String campaign) {
    return runtime.getRecommendations(r -> r.campaignArn(campaign).userId("user-001").numResults(10)).itemList();
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void a_damaged_model_leaves_the_campaign_active_saying_what_is_wrong_until_a_new_version_is_deployed(Damage damage) throws Exception {
    Path data = dir.resolve("data");
    Shop shop;
    List<PredictedItem> before;
    try (RunningServer server = RunningServer.start(data);
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      shop = deployShop(p);
      before = recommend(runtime, shop.campaign());
    }
    damage.apply(data, data.resolve(shop.modelFile()));

    try (RunningServer server = RunningServer.start(data);
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      // The server loads deployed models right after it starts, so the fault shows without a request.
      Await.condition(() -> p.describeCampaign(r -> r.campaignArn(shop.campaign())).campaign().failureReason() != null, Workflow.WAIT, "the campaign reports its model");
      Campaign campaign = p.describeCampaign(r -> r.campaignArn(shop.campaign())).campaign();
      assertThat(campaign.status()).isEqualTo("ACTIVE");
      assertThat(campaign.failureReason())
          .startsWith("The campaign cannot serve: the model of its solution version " + shop.version() + " cannot be loaded: " + shop.modelFile() + " " + damage.problem)
          .contains("UpdateCampaign", "CreateSolutionVersion");
      SolutionVersion version = p.describeSolutionVersion(r -> r.solutionVersionArn(shop.version())).solutionVersion();
      assertThat(version.status()).isEqualTo("ACTIVE");
      assertThat(version.failureReason()).contains(shop.modelFile() + " " + damage.problem, "CreateSolutionVersion");
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> recommend(runtime, shop.campaign()))
            .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
            .hasMessageContaining(campaign.failureReason());
      }
      boto3Sees(server, shop.campaign(), shop.modelFile(), damage.problem);

      if (damage == Damage.OBJECTS_FOLDER_REMOVED) {
        // The segments went with the folder: training says which dataset and which import to redo.
        String failed = p.createSolutionVersion(r -> r.solutionArn(shop.solution())).solutionVersionArn();
        assertThat(Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(failed)).solutionVersion().status(), Workflow.TRAINING))
            .isEqualTo("CREATE FAILED");
        assertThat(p.describeSolutionVersion(r -> r.solutionVersionArn(failed)).solutionVersion().failureReason())
            .startsWith("Create failed. The data of the dataset " + shop.interactions() + " is damaged: objects/datasets/" + Arns.resourceName(shop.interactions()) + "/")
            .contains(".seg is missing", "CreateDatasetImportJob", ":dataset-import-job/import-", "interactions.csv");
        Workflow.importCsv(p, shop.interactions(), dir.resolve("csv/interactions.csv"));
        Workflow.importCsv(p, shop.items(), dir.resolve("csv/items.csv"));
      }
      String retrained = Workflow.trainedVersion(p, shop.solution()).solutionVersionArn();
      p.updateCampaign(r -> r.campaignArn(shop.campaign()).solutionVersionArn(retrained));
      assertThat(Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(shop.campaign())).campaign().latestCampaignUpdate().status(), Workflow.WAIT))
          .isEqualTo("ACTIVE");
      Campaign healed = p.describeCampaign(r -> r.campaignArn(shop.campaign())).campaign();
      assertThat(healed.status()).isEqualTo("ACTIVE");
      assertThat(healed.failureReason()).isNull();
      assertThat(healed.solutionVersionArn()).isEqualTo(retrained);
      // The same data and seed train the same model: the answers are those from before the damage.
      assertThat(recommend(runtime, shop.campaign())).isEqualTo(before);
    }
  }

  @Test
  void a_model_damaged_under_a_running_server_is_served_from_memory_and_the_next_reader_of_the_file_says_what_is_wrong() throws Exception {
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      Shop shop = deployShop(p);
      List<PredictedItem> before = recommend(runtime, shop.campaign());
      Damage.SIXTY_FOUR_BYTES_OVERWRITTEN.apply(server.dataDir(), server.dataDir().resolve(shop.modelFile()));

      // The loaded model was checked when it was loaded; the campaign goes on answering from memory.
      assertThat(recommend(runtime, shop.campaign())).isEqualTo(before);

      Path input = Files.writeString(dir.resolve("users.json"), "{\"userId\": \"user-001\"}\n");
      String batch = p.createBatchInferenceJob(r -> r.jobName(Workflow.unique("batch")).solutionVersionArn(shop.version()).roleArn("arn:aws:iam::000000000000:role/b")
          .jobInput(i -> i.s3DataSource(s -> s.path(input.toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("out").toString())))).batchInferenceJobArn();
      assertThat(Await.finalStatus(() -> p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(batch)).batchInferenceJob().status(), Workflow.WAIT))
          .isEqualTo("CREATE FAILED");
      assertThat(p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(batch)).batchInferenceJob().failureReason())
          .isEqualTo("Batch inference needs the model of the solution version " + shop.version() + ", which cannot be loaded: " + shop.modelFile()
              + " is corrupt: its checksum does not match its content. Train a new solution version (CreateSolutionVersion) and run the batch inference job with it.");
      SolutionVersion version = p.describeSolutionVersion(r -> r.solutionVersionArn(shop.version())).solutionVersion();
      assertThat(version.status()).isEqualTo("ACTIVE");
      assertThat(version.failureReason()).startsWith("The model of this solution version cannot be loaded: " + shop.modelFile() + " is corrupt");

      // A second campaign of that version is served from the model in memory, which was whole when it was read.
      String second = p.createCampaign(r -> r.name(Workflow.unique("camp")).solutionVersionArn(shop.version())).campaignArn();
      assertThat(Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(second)).campaign().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
      assertThat(recommend(runtime, second)).isEqualTo(before);
      assertThat(p.describeSolutionVersion(r -> r.solutionVersionArn(shop.version())).solutionVersion().failureReason())
          .as("serving from memory does not clear what the file still has").startsWith("The model of this solution version cannot be loaded");

      // Deploying a version whose model must be read from its damaged file fails, naming the file.
      String other = Workflow.trainedVersion(p, shop.solution()).solutionVersionArn();
      String otherFile = "objects/models/" + Arns.resourceName(other) + ".model";
      Damage.CUT_IN_HALF.apply(server.dataDir(), server.dataDir().resolve(otherFile));
      String expected = "The campaign cannot serve the solution version " + other + ": its model cannot be loaded: " + otherFile
          + " is corrupt: its checksum does not match its content. Train a new solution version (CreateSolutionVersion) and deploy it.";
      String third = p.createCampaign(r -> r.name(Workflow.unique("camp")).solutionVersionArn(other)).campaignArn();
      assertThat(Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(third)).campaign().status(), Workflow.WAIT)).isEqualTo("CREATE FAILED");
      assertThat(p.describeCampaign(r -> r.campaignArn(third)).campaign().failureReason()).isEqualTo(expected);
      p.updateCampaign(r -> r.campaignArn(shop.campaign()).solutionVersionArn(other));
      assertThat(Await.finalStatus(() -> p.describeCampaign(r -> r.campaignArn(shop.campaign())).campaign().latestCampaignUpdate().status(), Workflow.WAIT))
          .isEqualTo("CREATE FAILED");
      Campaign campaign = p.describeCampaign(r -> r.campaignArn(shop.campaign())).campaign();
      assertThat(campaign.latestCampaignUpdate().failureReason()).isEqualTo(expected);
      assertThat(campaign.status()).isEqualTo("ACTIVE");
      assertThat(campaign.solutionVersionArn()).isEqualTo(shop.version());
      assertThat(recommend(runtime, shop.campaign())).as("the campaign keeps what it served").isEqualTo(before);
    }
  }

  @Test
  void a_damaged_segment_fails_training_and_filters_naming_the_dataset_and_the_import_to_redo_until_it_is_imported_again() throws Exception {
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize();
        PersonalizeRuntimeClient runtime = server.runtime()) {
      Shop shop = deployShop(p);
      String filter = p.createFilter(r -> r.name(Workflow.unique("f")).datasetGroupArn(shop.group()).filterExpression("INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")")).filterArn();
      Await.finalStatus(() -> p.describeFilter(r -> r.filterArn(filter)).filter().status(), Workflow.WAIT);
      Path itemsFolder = server.dataDir().resolve("objects/datasets/" + Arns.resourceName(shop.items()));
      Path segment;
      try (Stream<Path> files = Files.list(itemsFolder)) {
        segment = files.filter(f -> f.toString().endsWith(".seg")).findFirst().orElseThrow();
      }
      Damage.SIXTY_FOUR_BYTES_OVERWRITTEN.apply(server.dataDir(), segment);
      String file = "objects/datasets/" + Arns.resourceName(shop.items()) + "/" + segment.getFileName();

      assertThatThrownBy(() -> runtime.getRecommendations(r -> r.campaignArn(shop.campaign()).userId("user-001").filterArn(filter)))
          .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
          .hasMessageContaining("The data of the dataset " + shop.items() + " is damaged: " + file + " is corrupt")
          .hasMessageContaining("CreateDatasetImportJob")
          .hasMessageContaining("items.csv");
      assertThat(recommend(runtime, shop.campaign())).as("requests without the filter are unaffected").hasSize(10);

      String failed = p.createSolutionVersion(r -> r.solutionArn(shop.solution())).solutionVersionArn();
      assertThat(Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(failed)).solutionVersion().status(), Workflow.TRAINING))
          .isEqualTo("CREATE FAILED");
      String reason = p.describeSolutionVersion(r -> r.solutionVersionArn(failed)).solutionVersion().failureReason();
      String importJob = "arn:aws:personalize:us-east-1:000000000000:dataset-import-job/" + segment.getFileName().toString().replaceAll("-a\\d+-\\d+\\.seg$", "");
      assertThat(reason)
          .isEqualTo("Create failed. The data of the dataset " + shop.items() + " is damaged: " + file + " is corrupt: its checksum does not match its content."
              + " Import its data again: run CreateDatasetImportJob for this dataset with the data of " + importJob + " (from " + dir.resolve("csv/items.csv").toUri()
              + "). Then create the solution version again.");

      Workflow.importCsv(p, shop.items(), dir.resolve("csv/items.csv"));
      assertThat(runtime.getRecommendations(r -> r.campaignArn(shop.campaign()).userId("user-001").filterArn(filter)).itemList())
          .isNotEmpty()
          .allSatisfy(item -> assertThat(GenreShop.genreOf(item.itemId())).isEqualTo("Drama"));
      assertThat(Workflow.trainedVersion(p, shop.solution()).status()).isEqualTo("ACTIVE");
    }
  }

  @Test
  void training_mode_update_on_a_version_whose_model_is_gone_fails_naming_the_file_until_a_full_version_is_trained() throws Exception {
    try (RunningServer server = RunningServer.start(dir.resolve("data"));
        PersonalizeClient p = server.personalize()) {
      String group = Workflow.activeGroup(p, "update");
      Workflow.importGenreShop(p, group, Files.createDirectories(dir.resolve("csv")));
      String solution = p.createSolution(r -> r.name(Workflow.unique("cold")).datasetGroupArn(group).recipeArn("arn:aws:personalize:::recipe/aws-hrnn-coldstart")
          .solutionConfig(c -> c.algorithmHyperParameters(Workflow.QUICK_HRNN))).solutionArn();
      String full = Workflow.trainedVersion(p, solution).solutionVersionArn();
      String file = "objects/models/" + Arns.resourceName(full) + ".model";
      Files.delete(server.dataDir().resolve(file));

      String update = p.createSolutionVersion(r -> r.solutionArn(solution).trainingMode("UPDATE")).solutionVersionArn();
      assertThat(Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(update)).solutionVersion().status(), Workflow.TRAINING))
          .isEqualTo("CREATE FAILED");
      assertThat(p.describeSolutionVersion(r -> r.solutionVersionArn(update)).solutionVersion().failureReason())
          .isEqualTo("trainingMode UPDATE builds on the solution version " + full + ", whose model cannot be loaded: " + file
              + " is missing. Train a solution version with trainingMode FULL first.");
      assertThat(p.describeSolutionVersion(r -> r.solutionVersionArn(full)).solutionVersion().failureReason()).startsWith("The model of this solution version cannot be loaded: " + file + " is missing.");

      Workflow.trainedVersion(p, solution);
      String healed = p.createSolutionVersion(r -> r.solutionArn(solution).trainingMode("UPDATE")).solutionVersionArn();
      assertThat(Await.finalStatus(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(healed)).solutionVersion().status(), Workflow.TRAINING))
          .isEqualTo("ACTIVE");
    }
  }

  private static void boto3Sees(RunningServer server, String campaign, String file, String problem) throws Exception {
    Process process = new ProcessBuilder(List.of("python3", Path.of("src/test/python/boto3_damaged_model.py").toString(), server.endpoint().toString(), campaign, file, problem))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("boto3 damaged model: all checks passed");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
