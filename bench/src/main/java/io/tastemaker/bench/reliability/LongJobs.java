package io.tastemaker.bench.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;

/**
 * The long jobs a kill run interrupts, started through the SDK: imports, training, batch inference, a
 * PutEvents burst alone, the deletion of a dataset with data, and the job kinds later issues add (dataset exports, data deletions, batch
 * segment jobs, recommenders), which are skipped while the server answers their operations with
 * UnknownOperationException.
 */
final class LongJobs {
  private static final String MISSING = "arn:aws:personalize:us-east-1:000000000000:";

  private LongJobs() {}

  /** Every kind, in the order the kill cycles take them. */
  static List<LongJob> all(KillFixture f) {
    return List.of(importJob(f), training(f), batch(f), events(), datasetDeletion(f), export(f), deletion(f), segment(f), recommender(f));
  }

  private static LongJob.Described described(String status, String reason) {
    return new LongJob.Described(status, reason == null ? "" : reason);
  }

  /** A FULL import of the fixture's CSV into its Interactions dataset. */
  static LongJob importJob(KillFixture f) {
    return new Kind("import", f.importTime(), p -> true, (p, cycle) -> {
      String arn = p.createDatasetImportJob(r -> r.jobName("rb-kill-import-" + cycle).datasetArn(f.interactions())
          .dataSource(s -> s.dataLocation(f.importCsv().toUri().toString()))).datasetImportJobArn();
      return new LongJob.Started(arn, c -> {
        var job = c.describeDatasetImportJob(r -> r.datasetImportJobArn(arn)).datasetImportJob();
        return described(job.status(), job.failureReason());
      });
    });
  }

  /** A new version of the fixture's aws-hrnn solution. */
  static LongJob training(KillFixture f) {
    return new Kind("training", f.trainingTime(), p -> true, (p, cycle) -> {
      String arn = p.createSolutionVersion(r -> r.solutionArn(f.solution())).solutionVersionArn();
      return new LongJob.Started(arn, c -> {
        var version = c.describeSolutionVersion(r -> r.solutionVersionArn(arn)).solutionVersion();
        return described(version.status(), version.failureReason());
      });
    });
  }

  /** Batch inference of the fixture's input into a folder of its own. */
  static LongJob batch(KillFixture f) {
    return new Kind("batch inference", f.batchTime(), p -> true, (p, cycle) -> {
      String arn = p.createBatchInferenceJob(r -> r.jobName("rb-kill-batch-" + cycle).solutionVersionArn(f.version()).numResults(25).roleArn(Fixture.ROLE)
          .jobInput(i -> i.s3DataSource(s -> s.path(f.batchInput().toString())))
          .jobOutput(o -> o.s3DataDestination(s -> s.path(batchOutput(f, cycle).toString())))).batchInferenceJobArn();
      return new LongJob.Started(arn, c -> {
        var job = c.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
        return described(job.status(), job.failureReason());
      });
    }) {
      @Override
      public Optional<String> checkOutput(int cycle) throws Exception {
        Path dir = batchOutput(f, cycle);
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
          names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        String expected = f.batchInput().getFileName() + ".out";
        if (!names.equals(List.of(expected))) {
          return Optional.of("output folder holds " + names + ", expected only " + expected);
        }
        long lines;
        try (Stream<String> out = Files.lines(dir.resolve(expected))) {
          lines = out.count();
        }
        return lines == f.batchLines() ? Optional.empty() : Optional.of(expected + " has " + lines + " lines of " + f.batchLines());
      }
    };
  }

  private static Path batchOutput(KillFixture f, int cycle) {
    return f.files().resolve("batch-" + cycle);
  }

  /** No job: the PutEvents burst of every cycle, killed a few seconds in. */
  static LongJob events() {
    return new Kind("PutEvents burst", Duration.ofSeconds(4), p -> true, (p, cycle) -> new LongJob.Started("", c -> described("ACTIVE", "")));
  }

  /**
   * DeleteDataset of a dataset holding an import of the fixture's CSV, in a group of its own made for
   * the cycle; the deletion job ends within about 50 ms of the request, so the kill lands in that.
   */
  static LongJob datasetDeletion(KillFixture f) {
    return new Kind("dataset deletion", Duration.ofMillis(50), p -> true, (p, cycle) -> {
      String group = p.createDatasetGroup(r -> r.name("rb-kill-deleted-" + cycle)).datasetGroupArn();
      Await.active(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), () -> "", Fixture.QUICK_WAIT, group);
      String schema = p.listSchemas(r -> r.maxResults(100)).schemas().stream().filter(s -> s.name().equals("rb-kill-interactions")).findFirst().orElseThrow().schemaArn();
      String dataset = p.createDataset(r -> r.name("rb-kill-deleted-" + cycle).datasetGroupArn(group).datasetType("Interactions").schemaArn(schema)).datasetArn();
      Await.active(() -> p.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), () -> "", Fixture.QUICK_WAIT, dataset);
      Fixture.importCsv(p, dataset, "rb-kill-deleted-" + cycle, f.importCsv());
      p.deleteDataset(r -> r.datasetArn(dataset));
      return new LongJob.Started(dataset, c -> {
        try {
          return described(c.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), "");
        } catch (ResourceNotFoundException e) {
          return described("DELETED", "");
        }
      });
    });
  }

  /** A dataset export job (CreateDatasetExportJob). */
  static LongJob export(KillFixture f) {
    return new Kind("dataset export", Duration.ofSeconds(3), p -> serves(() -> p.describeDatasetExportJob(r -> r.datasetExportJobArn(MISSING + "dataset-export-job/x"))),
        (p, cycle) -> {
          String arn = p.createDatasetExportJob(r -> r.jobName("rb-kill-export-" + cycle).datasetArn(f.interactions()).roleArn(Fixture.ROLE)
              .jobOutput(o -> o.s3DataDestination(s -> s.path(f.files().resolve("export-" + cycle).toString())))).datasetExportJobArn();
          return new LongJob.Started(arn, c -> {
            var job = c.describeDatasetExportJob(r -> r.datasetExportJobArn(arn)).datasetExportJob();
            return described(job.status(), job.failureReason());
          });
        });
  }

  /** A data deletion job (CreateDataDeletionJob) for a tenth of the imported users. */
  static LongJob deletion(KillFixture f) {
    return new Kind("data deletion", Duration.ofSeconds(3), p -> serves(() -> p.describeDataDeletionJob(r -> r.dataDeletionJobArn(MISSING + "data-deletion-job/x"))),
        (p, cycle) -> {
          Path users = f.files().resolve("delete-" + cycle + ".csv");
          StringBuilder csv = new StringBuilder("USER_ID\n");
          for (int u = cycle; u < f.shop().users; u += 10) {
            csv.append('u').append(u).append('\n');
          }
          Files.writeString(users, csv);
          String arn = p.createDataDeletionJob(r -> r.jobName("rb-kill-deletion-" + cycle).datasetGroupArn(f.group()).roleArn(Fixture.ROLE)
              .dataSource(s -> s.dataLocation(users.toUri().toString()))).dataDeletionJobArn();
          return new LongJob.Started(arn, c -> {
            var job = c.describeDataDeletionJob(r -> r.dataDeletionJobArn(arn)).dataDeletionJob();
            return described(job.status(), job.failureReason());
          });
        });
  }

  /** A batch segment job (CreateBatchSegmentJob) of an aws-item-affinity version, trained on first use. */
  static LongJob segment(KillFixture f) {
    String[] version = {null};
    return new Kind("batch segment", Duration.ofSeconds(5), p -> serves(() -> p.describeBatchSegmentJob(r -> r.batchSegmentJobArn(MISSING + "batch-segment-job/x"))),
        (p, cycle) -> {
          if (version[0] == null) {
            version[0] = Fixture.trained(p, Fixture.solution(p, f.group(), "rb-kill-affinity", "arn:aws:personalize:::recipe/aws-item-affinity"));
          }
          Path input = f.files().resolve("segment-items.json");
          Files.writeString(input, "{\"itemId\": \"i1\"}\n{\"itemId\": \"i2\"}\n");
          String arn = p.createBatchSegmentJob(r -> r.jobName("rb-kill-segment-" + cycle).solutionVersionArn(version[0]).roleArn(Fixture.ROLE)
              .jobInput(i -> i.s3DataSource(s -> s.path(input.toString())))
              .jobOutput(o -> o.s3DataDestination(s -> s.path(f.files().resolve("segment-" + cycle).toString())))).batchSegmentJobArn();
          return new LongJob.Started(arn, c -> {
            var job = c.describeBatchSegmentJob(r -> r.batchSegmentJobArn(arn)).batchSegmentJob();
            return described(job.status(), job.failureReason());
          });
        });
  }

  /** A recommender (CreateRecommender) of an ECOMMERCE dataset group holding the fixture's interactions, made on first use. */
  static LongJob recommender(KillFixture f) {
    String[] domainGroup = {null};
    return new Kind("recommender training", Duration.ofSeconds(10), p -> serves(() -> p.describeRecommender(r -> r.recommenderArn(MISSING + "recommender/x"))),
        (p, cycle) -> {
          if (domainGroup[0] == null) {
            String group = p.createDatasetGroup(r -> r.name("rb-kill-shop").domain("ECOMMERCE")).datasetGroupArn();
            Await.active(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(group)).datasetGroup().status(), () -> "", Fixture.QUICK_WAIT, group);
            String schema = p.createSchema(r -> r.name("rb-kill-shop-interactions").domain("ECOMMERCE").schema(SyntheticShop.INTERACTIONS_SCHEMA)).schemaArn();
            String dataset = p.createDataset(r -> r.name("rb-kill-shop-interactions").datasetGroupArn(group).datasetType("Interactions").schemaArn(schema)).datasetArn();
            Await.active(() -> p.describeDataset(r -> r.datasetArn(dataset)).dataset().status(), () -> "", Fixture.QUICK_WAIT, dataset);
            Fixture.importCsv(p, dataset, "rb-kill-shop", f.importCsv());
            domainGroup[0] = group;
          }
          String arn = p.createRecommender(r -> r.name("rb-kill-recommender-" + cycle).datasetGroupArn(domainGroup[0])
              .recipeArn("arn:aws:personalize:::recipe/aws-ecomm-popular-items-by-views")).recommenderArn();
          return new LongJob.Started(arn, c -> {
            var recommender = c.describeRecommender(r -> r.recommenderArn(arn)).recommender();
            return described(recommender.status(), recommender.failureReason());
          });
        });
  }

  /** Whether calling the operation gets anything but UnknownOperationException. */
  private static boolean serves(Runnable call) {
    try {
      call.run();
      return true;
    } catch (AwsServiceException e) {
      return !"UnknownOperationException".equals(e.awsErrorDetails().errorCode());
    }
  }

  /** How to start a job of a kind. */
  @FunctionalInterface
  interface Starter {
    LongJob.Started start(PersonalizeClient p, int cycle) throws Exception;
  }

  /** A kind made of its name, typical duration, served check and starter. */
  private static class Kind implements LongJob {
    private final String kind;
    private final Duration typical;
    private final Predicate<PersonalizeClient> served;
    private final Starter starter;

    Kind(String kind, Duration typical, Predicate<PersonalizeClient> served, Starter starter) {
      this.kind = kind;
      this.typical = typical;
      this.served = served;
      this.starter = starter;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public Duration typical() {
      return typical;
    }

    @Override
    public boolean served(PersonalizeClient p) {
      return served.test(p);
    }

    @Override
    public Started start(PersonalizeClient p, int cycle) throws Exception {
      return starter.start(p, cycle);
    }
  }
}
