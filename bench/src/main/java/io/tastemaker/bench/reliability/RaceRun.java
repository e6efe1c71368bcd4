package io.tastemaker.bench.reliability;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/**
 * {@code bench reliability races}: for each kind of resource, 50 clients create one name at the same
 * moment through the SDK; exactly one may win, the rest must get an error a client understands (not a
 * 5xx), and listing afterwards must show one resource of that name.
 */
final class RaceRun {
  private static final int CLIENTS = 50;

  /** One race: the kind raced, how to create the name, and how many of that name exist afterwards. */
  private record Race(String kind, Function<PersonalizeClient, String> create, Supplier<Long> existing) {}

  private RaceRun() {}

  static boolean run(Harness harness, PrintStream out) throws Exception {
    harness.start();
    Table table = new Table("resource", "parallel creates", "won", "lost with", "5xx or no answer", "resources of the name afterwards", "verdict");
    boolean passed = true;
    try (Clients clients = harness.clients()) {
      PersonalizeClient p = clients.control();
      Fixture f = Fixture.create(p, harness.dir().resolve("files"), "rb-race-fixture", new SyntheticShop(100, 40), 1_500, 1);
      String groupName = "rb-race";
      String[] raceGroup = {""}; // the winner of the dataset group race, named by the races after it
      String csv = f.files().resolve("interactions.csv").toUri().toString();
      String input = f.files().resolve("batch-users.json").toString();
      List<Race> races = new ArrayList<>();
      races.add(new Race("dataset group", c -> c.createDatasetGroup(r -> r.name(groupName)).datasetGroupArn(),
          () -> p.listDatasetGroups(r -> r.maxResults(100)).datasetGroups().stream().filter(g -> g.name().equals(groupName)).count()));
      races.add(new Race("schema", c -> c.createSchema(r -> r.name("rb-race-schema").schema(SyntheticShop.INTERACTIONS_SCHEMA)).schemaArn(),
          () -> p.listSchemas(r -> r.maxResults(100)).schemas().stream().filter(s -> s.name().equals("rb-race-schema")).count()));
      races.add(new Race("dataset", c -> c.createDataset(r -> r.name("rb-race-dataset").datasetGroupArn(raceGroup[0]).datasetType("Interactions")
          .schemaArn(f.interactionsSchema())).datasetArn(),
          () -> p.listDatasets(r -> r.datasetGroupArn(raceGroup[0])).datasets().stream().filter(d -> d.name().equals("rb-race-dataset")).count()));
      races.add(new Race("event tracker", c -> c.createEventTracker(r -> r.name("rb-race-tracker").datasetGroupArn(raceGroup[0])).eventTrackerArn(),
          () -> p.listEventTrackers(r -> r.datasetGroupArn(raceGroup[0])).eventTrackers().stream().filter(t -> t.name().equals("rb-race-tracker")).count()));
      races.add(new Race("solution", c -> c.createSolution(r -> r.name("rb-race-solution").datasetGroupArn(f.group()).recipeArn(Fixture.HRNN)).solutionArn(),
          () -> p.listSolutions(r -> r.datasetGroupArn(f.group())).solutions().stream().filter(s -> s.name().equals("rb-race-solution")).count()));
      races.add(new Race("filter", c -> c.createFilter(r -> r.name("rb-race-filter").datasetGroupArn(f.group()).filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"buy\")")).filterArn(),
          () -> p.listFilters(r -> r.datasetGroupArn(f.group())).filters().stream().filter(x -> x.name().equals("rb-race-filter")).count()));
      races.add(new Race("campaign", c -> c.createCampaign(r -> r.name("rb-race-campaign").solutionVersionArn(f.version())).campaignArn(),
          () -> p.listCampaigns(r -> r.solutionArn(f.solution())).campaigns().stream().filter(x -> x.name().equals("rb-race-campaign")).count()));
      races.add(new Race("dataset import job", c -> c.createDatasetImportJob(r -> r.jobName("rb-race-import").datasetArn(f.interactions()).dataSource(s -> s.dataLocation(csv))).datasetImportJobArn(),
          () -> p.listDatasetImportJobs(r -> r.datasetArn(f.interactions())).datasetImportJobs().stream().filter(x -> x.jobName().equals("rb-race-import")).count()));
      races.add(new Race("batch inference job", c -> c.createBatchInferenceJob(r -> r.jobName("rb-race-batch").solutionVersionArn(f.version()).roleArn(Fixture.ROLE)
          .jobInput(i -> i.s3DataSource(s -> s.path(input))).jobOutput(o -> o.s3DataDestination(s -> s.path(f.files().resolve("race-out").toString())))).batchInferenceJobArn(),
          () -> p.listBatchInferenceJobs(r -> r.solutionVersionArn(f.version())).batchInferenceJobs().stream().filter(x -> x.jobName().equals("rb-race-batch")).count()));
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        for (Race race : races) {
          List<String> outcomes = race(pool, clients, race);
          if (race.kind().equals("dataset group")) {
            raceGroup[0] = groupArn(p, groupName);
            Await.active(() -> p.describeDatasetGroup(r -> r.datasetGroupArn(raceGroup[0])).datasetGroup().status(), () -> "", Fixture.QUICK_WAIT, raceGroup[0]);
          }
          Set<String> arns = new TreeSet<>();
          Map<String, Integer> lost = new TreeMap<>();
          int broken = 0;
          for (String o : outcomes) {
            if (o.startsWith("arn:")) {
              arns.add(o);
            } else {
              lost.merge(o, 1, Integer::sum);
              broken += o.startsWith("5") || o.startsWith("no answer") ? 1 : 0;
            }
          }
          long won = outcomes.stream().filter(o -> o.startsWith("arn:")).count();
          long existing = race.existing().get();
          boolean ok = won == 1 && arns.size() == 1 && broken == 0 && existing == 1;
          passed &= ok;
          table.row(race.kind(), CLIENTS, won, lost.toString(), broken, existing, ok ? "one winner" : "FAULT");
        }
      } finally {
        pool.shutdown();
      }
    }
    out.println("## Races: " + CLIENTS + " parallel creates of one name through the AWS SDK for Java v2 (no retries)");
    out.println();
    table.print(out);
    return passed;
  }

  /** Starts every client at once; each outcome is an ARN, an error code, or "5xx ..." / "no answer ...". */
  private static List<String> race(ExecutorService pool, Clients clients, Race race) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        try {
          return race.create().apply(clients.control());
        } catch (AwsServiceException e) {
          return e.statusCode() >= 500 ? "5xx " + e.awsErrorDetails().errorCode() : e.awsErrorDetails().errorCode();
        } catch (RuntimeException e) {
          return "no answer " + e.getClass().getSimpleName();
        }
      }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : futures) {
      outcomes.add(f.get());
    }
    return outcomes;
  }

  private static String groupArn(PersonalizeClient p, String name) {
    return p.listDatasetGroups(r -> r.maxResults(100)).datasetGroups().stream().filter(g -> g.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no dataset group " + name)).datasetGroupArn();
  }
}
