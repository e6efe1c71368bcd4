package io.tastemaker.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/**
 * What the kill run's jobs work on, made once through the SDK: a dataset group with an Interactions
 * dataset of {@code rows} rows and an event tracker, an aws-hrnn solution sized so that training takes
 * a while and a trained version of it, a batch input; and how long an import, a training and a batch
 * job took unkilled, so kills can land inside them.
 */
record KillFixture(
    Path files, SyntheticShop shop, String group, String interactions, Path importCsv, String solution, String version, String trackingId,
    Path batchInput, int batchLines, Duration importTime, Duration trainingTime, Duration batchTime) {
  /** Hyperparameters for a training of tens of seconds on one core: long enough to be killed inside. */
  static final Map<String, String> SLOW = Map.of("hidden_dimension", "48", "epochs", "2", "bptt", "16", "threads", "1");

  static KillFixture create(PersonalizeClient p, Path files, int users, int items, long rows, int batchLines, long seed) throws IOException, InterruptedException {
    Files.createDirectories(files);
    SyntheticShop shop = new SyntheticShop(users, items);
    String group = p.createDatasetGroup(r -> r.name("rb-kill")).datasetGroupArn();
    Await.active(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), () -> "", Fixture.QUICK_WAIT, group);
    String schema = p.createSchema(r -> r.name("rb-kill-interactions").schema(SyntheticShop.INTERACTIONS_SCHEMA)).schemaArn();
    String interactions = p.createDataset(r -> r.name("rb-kill-interactions").datasetGroupArn(group).datasetType("Interactions").schemaArn(schema)).datasetArn();
    Await.active(() -> p.describeDataset(r -> r.datasetArn(interactions)).dataset().status(), () -> "", Fixture.QUICK_WAIT, interactions);
    Path csv = shop.writeInteractions(files.resolve("interactions.csv"), rows, seed);
    long t0 = System.nanoTime();
    Fixture.importCsv(p, interactions, "rb-kill-base", csv);
    Duration importTime = Duration.ofNanos(System.nanoTime() - t0);
    String tracker = p.createEventTracker(r -> r.name("rb-kill-tracker").datasetGroupArn(group)).eventTrackerArn();
    Await.active(() -> p.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().status(), () -> "", Fixture.QUICK_WAIT, tracker);
    String trackingId = p.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().trackingId();
    String solution = p.createSolution(r -> r.name("rb-kill-hrnn").datasetGroupArn(group).recipeArn(Fixture.HRNN).solutionConfig(c -> c.algorithmHyperParameters(SLOW))).solutionArn();
    Await.active(() -> p.describeSolution(r -> r.solutionArn(solution)).solution().status(), () -> "", Fixture.QUICK_WAIT, solution);
    t0 = System.nanoTime();
    String version = Fixture.trained(p, solution);
    Duration trainingTime = Duration.ofNanos(System.nanoTime() - t0);
    Path input = shop.writeBatchInput(files.resolve("batch-users.json"), batchLines);
    t0 = System.nanoTime();
    String batch = p.createBatchInferenceJob(r -> r.jobName("rb-kill-batch-base").solutionVersionArn(version).numResults(25).roleArn(Fixture.ROLE)
        .jobInput(i -> i.s3DataSource(s -> s.path(input.toString()))).jobOutput(o -> o.s3DataDestination(s -> s.path(files.resolve("batch-base").toString()))))
        .batchInferenceJobArn();
    Await.active(() -> p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(batch)).batchInferenceJob().status(),
        () -> p.describeBatchInferenceJob(r -> r.batchInferenceJobArn(batch)).batchInferenceJob().failureReason(), Fixture.TRAINING_WAIT, batch);
    Duration batchTime = Duration.ofNanos(System.nanoTime() - t0);
    return new KillFixture(files, shop, group, interactions, csv, solution, version, trackingId, input, batchLines, importTime, trainingTime, batchTime);
  }
}
