package io.tastemaker.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Recipe;

/**
 * A dataset group with everything in it, made through the SDK: Interactions, Items and Users
 * imported, an aws-hrnn and an aws-personalized-ranking version each deployed, a filter, an event
 * tracker and a finished batch job. Fuzzed requests aimed at it get past validation.
 *
 * @param files the folder of the CSV, batch input and output files
 */
record Fixture(
    Path files,
    SyntheticShop shop,
    String group,
    String interactionsSchema,
    String itemsSchema,
    String usersSchema,
    String interactions,
    String items,
    String users,
    String importJob,
    String solution,
    String version,
    String campaign,
    String rankingVersion,
    String rankingCampaign,
    String filter,
    String eventTracker,
    String trackingId,
    String batchJob,
    String algorithm,
    String featureTransformation) {
  static final String HRNN = "arn:aws:personalize:::recipe/aws-hrnn";
  static final String RANKING = "arn:aws:personalize:::recipe/aws-personalized-ranking";
  static final String ROLE = "arn:aws:iam::000000000000:role/tastemaker-reliability";
  /** aws-hrnn family hyperparameters that train a small shop in seconds on one core. */
  static final Map<String, String> QUICK = Map.of("hidden_dimension", "32", "epochs", "3", "bptt", "8", "threads", "1");
  static final Duration QUICK_WAIT = Duration.ofMinutes(3);
  static final Duration TRAINING_WAIT = Duration.ofMinutes(20);

  /** Builds the group named {@code name}, its data written under {@code files}. */
  static Fixture create(PersonalizeClient p, Path files, String name, SyntheticShop shop, long rows, long seed) throws IOException, InterruptedException {
    Files.createDirectories(files);
    String group = p.createDatasetGroup(r -> r.name(name)).datasetGroupArn();
    Await.active(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), () -> "", QUICK_WAIT, group);
    String interactionsSchema = schema(p, name + "-interactions", SyntheticShop.INTERACTIONS_SCHEMA);
    String itemsSchema = schema(p, name + "-items", SyntheticShop.ITEMS_SCHEMA);
    String usersSchema = schema(p, name + "-users", SyntheticShop.USERS_SCHEMA);
    String interactions = dataset(p, group, name + "-interactions", "Interactions", interactionsSchema);
    String items = dataset(p, group, name + "-items", "Items", itemsSchema);
    String users = dataset(p, group, name + "-users", "Users", usersSchema);
    String importJob = importCsv(p, interactions, name + "-interactions", shop.writeInteractions(files.resolve("interactions.csv"), rows, seed));
    importCsv(p, items, name + "-items", shop.writeItems(files.resolve("items.csv")));
    importCsv(p, users, name + "-users", shop.writeUsers(files.resolve("users.csv")));
    String solution = solution(p, group, name + "-hrnn", HRNN);
    String version = trained(p, solution);
    String campaign = campaign(p, name + "-hrnn", version);
    String rankingVersion = trained(p, solution(p, group, name + "-ranking", RANKING));
    String rankingCampaign = campaign(p, name + "-ranking", rankingVersion);
    String filter = p.createFilter(r -> r.name(name + "-no-buys").datasetGroupArn(group).filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"buy\")")).filterArn();
    Await.active(() -> p.describeFilter(r -> r.filterArn(filter)).filter().status(), () -> p.describeFilter(r -> r.filterArn(filter)).filter().failureReason(), QUICK_WAIT, filter);
    String tracker = p.createEventTracker(r -> r.name(name + "-tracker").datasetGroupArn(group)).eventTrackerArn();
    Await.active(() -> p.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().status(), () -> "", QUICK_WAIT, tracker);
    String trackingId = p.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().trackingId();
    Path input = shop.writeBatchInput(files.resolve("batch-users.json"), 200);
    String batch = p.createBatchInferenceJob(r -> r.jobName(name + "-batch").solutionVersionArn(version).numResults(5).roleArn(ROLE)
        .jobInput(i -> i.s3DataSource(s -> s.path(input.toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(files.resolve("batch-out").toString()))))
        .batchInferenceJobArn();
    Await.active(() -> p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(batch)).batchInferenceJob().status(),
        () -> p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(batch)).batchInferenceJob().failureReason(), TRAINING_WAIT, batch);
    Recipe recipe = p.describeRecipe(r -> r.recipeArn(HRNN)).recipe();
    return new Fixture(files, shop, group, interactionsSchema, itemsSchema, usersSchema, interactions, items, users, importJob, solution, version, campaign,
        rankingVersion, rankingCampaign, filter, tracker, trackingId, batch, recipe.algorithmArn(), recipe.featureTransformationArn());
  }

  private static String schema(PersonalizeClient p, String name, String text) {
    return p.createSchema(r -> r.name(name).schema(text)).schemaArn();
  }

  private static String dataset(PersonalizeClient p, String group, String name, String type, String schema) throws InterruptedException {
    String dataset = p.createDataset(r -> r.name(name).datasetGroupArn(group).datasetType(type).schemaArn(schema)).datasetArn();
    Await.active(() -> p.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), () -> "", QUICK_WAIT, dataset);
    return dataset;
  }

  /** Imports a CSV (FULL) and waits for the job to be ACTIVE; returns the job. */
  static String importCsv(PersonalizeClient p, String dataset, String name, Path csv) throws InterruptedException {
    String job = p.createDatasetImportJob(r -> r.jobName(name + "-import").datasetArn(dataset).dataSource(s -> s.dataLocation(csv.toUri().toString())))
        .datasetImportJobArn();
    Await.active(() -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(),
        () -> p.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().failureReason(), TRAINING_WAIT, job);
    return job;
  }

  static String solution(PersonalizeClient p, String group, String name, String recipe) throws InterruptedException {
    String solution = p.createSolution(r -> r.name(name).datasetGroupArn(group).recipeArn(recipe).solutionConfig(c -> c.algorithmHyperParameters(QUICK))).solutionArn();
    Await.active(() -> p.describeSolution(r -> r.solutionArn(solution)).solution().status(), () -> "", QUICK_WAIT, solution);
    return solution;
  }

  static String trained(PersonalizeClient p, String solution) throws InterruptedException {
    String version = p.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();
    Await.active(() -> p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(),
        () -> p.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().failureReason(), TRAINING_WAIT, version);
    return version;
  }

  static String campaign(PersonalizeClient p, String name, String version) throws InterruptedException {
    String campaign = p.createCampaign(r -> r.name(name).solutionVersionArn(version)).campaignArn();
    Await.active(() -> p.describeCampaign(r -> r.campaignArn(campaign)).campaign().status(),
        () -> p.describeCampaign(r -> r.campaignArn(campaign)).campaign().failureReason(), QUICK_WAIT, campaign);
    return campaign;
  }
}
