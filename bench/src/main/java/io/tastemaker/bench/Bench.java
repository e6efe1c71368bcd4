package io.tastemaker.bench;

import io.tastemaker.bench.reliability.ReliabilityBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;

/** {@code tastemaker bench <name>}: runs a benchmark and prints its figures next to the anchors. */
public final class Bench {
  private static final String USAGE =
      """
      Usage: tastemaker bench <benchmark> [--data DIR] [--seeds N] [--set name=value ...] [recipes...]

      Benchmarks:
        import    CSV import speed on MovieLens-1M-size data (target: 500,000 rows/s)
        sasrec    the SASRec protocol on DIR/ml-1m-sasrec (MovieLens-1M in the shared data; any set in
                  that format, named in the header and table): HR@10 and NDCG@10, sampled and full, per recipe
                  (default recipes: aws-hrnn aws-personalized-ranking aws-popularity-count)
        sparse-data OUT  writes sparse sequence data with a known structure (30,000 users, 20,000
                  items, ~7 actions each) in the ml-1m-sasrec format: then bench sasrec --data OUT
        sasrec-events [recipes...]  the SASRec protocol through the API: a campaign per recipe (default
                  aws-personalized-ranking), each user's second-to-last item sent with PutEvents (a
                  minute after the history, or for every other user a day later in a new session id),
                  the last ranked with GetPersonalizedRanking, or for USER_PERSONALIZATION recipes found
                  in GetRecommendations' 500 through a filter excluding the user's interactions
        serving   GetRecommendations over HTTP (wrk) on a MovieLens-1M aws-hrnn campaign, against the
                  server's empty endpoint (target: >= 0.5x its rate); --duration S per load (default 20)
        coldstart MovieLens-1M with a tenth of the movies known only from the Items dataset: how
                  aws-hrnn-coldstart ranks and recommends them
        batch     batch inference of every MovieLens-1M user, 25 scored items each (target: 10,000 users/s)
        batch-large  batch inference of a 1 GB input (ranking lines), with the server's live heap
        spark-batch [CP]  a 1,000,000-user batch job in process and on Spark local[cores] (--set users=N, --set master=URL); CP or
                  TASTEMAKER_SPARK_CLASSPATH: Spark's jars and tastemaker-spark's (see README, "Batch inference on Spark")
        events    PutEvents throughput with 32 concurrent clients, counted in the database afterwards
                  (target: 5,000 events/s, durably)
        database  PutEvents and GetRecommendations throughput on SQLite and on the PostgreSQL database
                  in TASTEMAKER_DATABASE (empty), one after the other in one run, with the ratios
        clicks    how much of a user's 25 items a click keeps: three clicks on random movies as Amazon
                  Personalize's POC workshop sends them, and a click on a listed movie in the same
                  session or a day later (MovieLens-100K: aws-hrnn aws-hrnn-metadata; latest-small:
                  aws-hrnn-metadata)
        sims      aws-sims on MovieLens-100K, latest-small and a generated shop: GetSolutionMetrics'
                  metrics next to Amazon Personalize's published ones, and how many related movies
                  share a genre
        similar-items  aws-similar-items against aws-sims on cold items: a generated shop with planted
                  groups (cold items known from a noisy category and a description) and MovieLens-100K
                  with a tenth of the movies made cold: top 10 in the query's group / sharing a genre
        semantic-similarity  aws-semantic-similarity against a bag-of-words cosine and aws-similar-items on
                  items known only from their text: planted topics with synonyms, and MovieLens latest-small
                  titles: top 10 in the query's topic / sharing a genre
        exploration  a simulated shop with known tastes and qualities, new items daily: cumulative clicks
                  of aws-user-personalization at exploration weights 0, 0.3, 0.9 and without impressions
        ml100k    MovieLens-100K, Amazon Personalize's protocol: GetSolutionMetrics' metrics per recipe,
                  averaged over split seeds, next to Personalize's published aws-hrnn figures
        scale [SIZE...]  issue 21: power-law shops of SIZE interactions (default 1M 10M; 100M is
                  accepted) through the API with aws-hrnn: import rows/s, seconds per epoch, peak
                  RSS, model size, GetRecommendations p50/p99, batch users/s, next to the issue's;
                  --set live_heap_seconds=S adds a full collection every S s and prints where the
                  live heap peaked
        scale scoring [ITEMS...]  issue 21's serving at scale on generated aws-hrnn models (default
                  20k 265k 1M items): batch users/s per user and blocked, and one user's scoring
                  time (p50/p99) on one thread
        scale latency [ITEMS...]  issue 21's GetRecommendations target (p99 <= 20 ms on one core at
                  1M items): one user's p50/p99 thread CPU and wall time on generated aws-hrnn models
                  (default 10k 100k 1M), float table against the 8-bit first pass, and their agreement;
                  then aws-user-personalization with and without the transformer expert, by
                  recommend and by explore at the default weight 0.3
        v2-scale [ITEMS...]  issue 15: aws-user-personalization-v2 over catalogues of ITEMS
                  (default 10k 100k 1M) with the same power-law interactions (--set interactions=2M;
                  epochs 2 unless set): s per epoch, peak heap and RSS, model size, one user's p50/p99
        prep [SIZE]  the live heap per interaction of a training job's data preparation on a
                  power-law shop of SIZE interactions (default 1M)
        update-cost [SIZE] [--set batches=N]  aws-hrnn's cost per batch with sparse and with dense
                  updates, taking turns in one JVM, on a power-law shop (default 10M interactions)
        next-best-action  planted actions: aws-next-best-action puts each user's planted action first,
                  against actions by overall take rate
        trending  planted rising items: hours until aws-trending-now (fed hour by hour) and plain
                  popularity show them in their top 10
        segments  MovieLens-100K, aws-item-affinity's user segments: held-out viewers found in the
                  segments of items and of genres, against the most active users
        reliability [fuzz|races|kill|soak|all]  the server in its own JVM with access keys, fuzzed,
                  raced, killed and soaked (tastemaker bench reliability --help for its options)

      --data DIR        the shared benchmark data (default ../shared/data)
      --seeds N         training seeds to average (default 3)
      --first-seed N    sasrec: the first training seed (default 42), so seeds can run in separate processes
      --set name=value  a hyperparameter for every recipe that has it (repeatable)
      """;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    List<String> list = Arrays.asList(args);
    if (list.isEmpty()) {
      System.out.print(USAGE);
      System.exit(2);
    }
    if (list.get(0).equals("reliability")) {
      if (list.contains("--help")) {
        System.out.print(ReliabilityBench.USAGE);
        System.exit(0);
      }
      System.exit(ReliabilityBench.run(list.subList(1, list.size()), System.out));
    }
    Path data = Path.of("..", "shared", "data");
    int i = list.indexOf("--data");
    if (i >= 0 && i + 1 < list.size()) {
      data = Path.of(list.get(i + 1));
    }
    int seeds = 3;
    int firstSeed = 42;
    Map<String, String> overrides = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (int k = 1; k < list.size(); k++) {
      switch (list.get(k)) {
        case "--data" -> k++;
        case "--seeds" -> seeds = Integer.parseInt(list.get(++k));
        case "--first-seed" -> firstSeed = Integer.parseInt(list.get(++k));
        case "--set" -> {
          String[] kv = list.get(++k).split("=", 2);
          overrides.put(kv[0], kv[1]);
        }
        default -> names.add(list.get(k));
      }
    }
    switch (list.get(0)) {
      case "import" -> ImportBenchmark.run(data);
      case "sparse-data" -> {
        if (names.isEmpty()) {
          System.err.println("bench sparse-data needs the folder to write to");
          System.exit(2);
        }
        long actions = SparseSequenceData.write(Path.of(names.get(0)), SparseSequenceData.SEED);
        System.out.printf("%s: %,d actions written to %s%n", SparseSequenceData.NAME, actions, Path.of(names.get(0)).resolve("ml-1m-sasrec"));
      }
      case "serving" -> ServingBenchmark.run(data, list);
      case "events" -> EventsBenchmark.run();
      case "database" -> DatabaseBenchmark.run();
      case "scale" -> ScaleBenchmark.run(names, overrides);
      case "v2-scale" -> TransformerScale.run(names, overrides);
      case "prep" -> PreparationMemory.run(names);
      case "update-cost" -> UpdateCost.run(names, overrides);
      case "batch" -> BatchBenchmark.run(data);
      case "segments" -> SegmentBenchmark.run(data, overrides, seeds);
      case "next-best-action" -> NextBestActionBenchmark.run(overrides, seeds);
      case "trending" -> TrendingBenchmark.run(seeds);
      case "batch-large" -> LargeBatchBenchmark.run(data);
      case "spark-batch" -> SparkBatchBenchmark.run(data, names.isEmpty() ? Optional.ofNullable(System.getenv("TASTEMAKER_SPARK_CLASSPATH")).orElseThrow(
          () -> new IllegalArgumentException("bench spark-batch needs Spark's classpath: an argument or TASTEMAKER_SPARK_CLASSPATH")) : names.get(0), overrides);
      case "sasrec-events" -> SasrecEventsBenchmark.run(data, names.isEmpty() ? SasrecEventsBenchmark.DEFAULT_RECIPES : names, overrides);
      case "sasrec" -> QualityBenchmark.run(
          data, names.isEmpty() ? List.of("aws-hrnn", "aws-personalized-ranking", "aws-popularity-count") : names, overrides, seeds, firstSeed);
      case "coldstart" -> ColdStartBenchmark.run(data, names.isEmpty() ? ColdStartBenchmark.DEFAULT_RECIPES : names, overrides, seeds);
      case "sims" -> SimsBenchmark.run(data, overrides, seeds);
      case "similar-items" -> SimilarItemsBenchmark.run(data, overrides, seeds);
      case "semantic-similarity" -> SemanticSimilarityBenchmark.run(data, overrides, seeds);
      case "clicks" -> ClickBenchmark.run(data, names, overrides, seeds);
      case "exploration" -> ExplorationSimulation.run(overrides);
      case "ml100k" -> PersonalizeProtocolBenchmark.run(
          data, names.isEmpty() ? PersonalizeProtocolBenchmark.DEFAULT_RECIPES : names, overrides, seeds);
      default -> {
        System.err.println("unknown benchmark " + list.get(0));
        System.err.print(USAGE);
        System.exit(2);
      }
    }
    System.exit(0);
  }
}
