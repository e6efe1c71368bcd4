package io.tastemaker.bench;

import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Serving speed: MovieLens-1M imported, trained and deployed through the HTTP API of an in-process
 * server, then GetRecommendations of an aws-hrnn campaign loaded with wrk next to the server's
 * emptiest endpoint ({@code GET /health}), same settings, same run. An aws-popularity-count campaign,
 * whose model does almost nothing, shows what the HTTP path of GetRecommendations costs on its own.
 * The model runs on every request first (answer cache off), then the server is restarted as it runs
 * by default, keeping each user's answer until the model or the user's state changes.
 */
final class ServingBenchmark {
  private static final int DEFAULT_SECONDS = 20;
  private static final int WARM_UP_SECONDS = 5;
  private static final int THREADS = 2;
  private static final int CONNECTIONS = 16;
  private static final int RESULTS = 10;
  private static final double TARGET_RATIO = 0.5;
  private static final Duration QUICK_LIMIT = Duration.ofMinutes(5);

  /** A deployed campaign and the solution version it serves. */
  private record Deployment(String campaign, String version) {}

  /** One load's figures, with the server's CPU time per request (robust to other load on the machine). */
  private record Row(String endpoint, Wrk.Result result, double cpuMicros) {}

  private ServingBenchmark() {}

  /** Runs with the command line's {@code --duration S} (seconds of each measured load, default 20). */
  static void run(Path data, List<String> args) throws Exception {
    int i = args.indexOf("--duration");
    run(data, i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : DEFAULT_SECONDS);
  }

  static void run(Path data, int seconds) throws Exception {
    if (!Wrk.installed()) {
      System.err.println("tastemaker bench serving: wrk is not installed (not on PATH); install the Debian package: sudo apt-get install -y wrk");
      System.exit(1);
    }
    Path dir = Files.createTempDirectory("tastemaker-serving-bench");
    try {
      Wrk wrk = Wrk.create(dir, THREADS, CONNECTIONS);
      MovieLens1mRatings.Csv csv = MovieLens1mRatings.writeCsv(data, dir.resolve("ml-1m-ratings.csv"));
      Path users = writeUserIds(csv.userIds(), dir.resolve("user-ids.txt"));
      System.out.printf("Serving benchmark: MovieLens-1M, %,d ratings of %,d users; %d cores; wrk -t%d -c%d -d%ds --latency after %ds of warm-up%n",
          csv.rows(), csv.userIds().size(), Runtime.getRuntime().availableProcessors(), THREADS, CONNECTIONS, seconds, WARM_UP_SECONDS);
      Path dataDir = dir.resolve("data");
      Deployment hrnn;
      String genreFilter;
      String[] empty = {"GET", "/health"};
      List<Row> rows = new ArrayList<>();
      // First without the answer cache: every request runs the model.
      try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(dataDir).withPort(0).withLocalDataRoots(List.of(dir)).withRecommendationCache(0))) {
        HttpApi api = new HttpApi(server.endpoint());
        String group = importRatings(api, csv.file());
        importMovies(api, group, data, dir.resolve("movies.csv"));
        genreFilter = api.call("CreateFilter", Json.object().put("name", "genre").put("datasetGroupArn", group)
            .put("filterExpression", "INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)")).get("filterArn").asText();
        api.awaitActive("Filter", genreFilter, QUICK_LIMIT);
        long t0 = System.nanoTime();
        hrnn = deploy(api, group, "aws-hrnn");
        System.out.printf("aws-hrnn trained with its default hyperparameters and deployed in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        Deployment popularity = deploy(api, group, "aws-popularity-count");
        for (Deployment d : List.of(hrnn, popularity)) {
          if (api.recommendations(d.campaign(), csv.userIds().get(0), RESULTS).get("itemList").size() != RESULTS) {
            throw new IllegalStateException(d.campaign() + " did not answer " + RESULTS + " items");
          }
        }
        URI health = server.endpoint().resolve("/health");
        URI recommendations = server.endpoint().resolve("/recommendations");
        String[] hrnnLoad = {"POST", "/recommendations", hrnn.campaign(), users.toString()};
        String[] popularityLoad = {"POST", "/recommendations", popularity.campaign(), users.toString()};
        String[] filteredLoad = {"POST", "/recommendations", hrnn.campaign(), users.toString(), genreFilter, String.join(",", GENRES)};
        wrk.run(health, WARM_UP_SECONDS, empty);
        wrk.run(recommendations, WARM_UP_SECONDS, popularityLoad);
        wrk.run(recommendations, WARM_UP_SECONDS, hrnnLoad);
        rows.add(measure(wrk, "GET /health (empty endpoint)", health, seconds, empty));
        rows.add(measure(wrk, "GetRecommendations, aws-hrnn, top " + RESULTS + ", model run every request", recommendations, seconds, hrnnLoad));
        rows.add(measure(wrk, "GetRecommendations, aws-popularity-count (HTTP path alone)", recommendations, seconds, popularityLoad));
        wrk.run(recommendations, WARM_UP_SECONDS, filteredLoad);
        rows.add(measure(wrk, "GetRecommendations, aws-hrnn, top " + RESULTS + ", genre filter ($GENRE, 18 genres in turn)", recommendations, seconds, filteredLoad));
      }
      // Then as the server runs by default, restarted on the same state: the answers of users whose
      // state has not changed are kept. The warm-up asks every user once.
      try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(dataDir).withPort(0).withLocalDataRoots(List.of(dir)))) {
        URI health = server.endpoint().resolve("/health");
        URI recommendations = server.endpoint().resolve("/recommendations");
        String[] hrnnLoad = {"POST", "/recommendations", hrnn.campaign(), users.toString()};
        wrk.run(health, WARM_UP_SECONDS, empty);
        wrk.run(recommendations, WARM_UP_SECONDS, hrnnLoad);
        rows.add(measure(wrk, "GET /health (empty endpoint, restarted server)", health, seconds, empty));
        rows.add(measure(wrk, "GetRecommendations, aws-hrnn, top " + RESULTS + ", with the answer cache (default)", recommendations, seconds, hrnnLoad));
      }
      ModelLatency.Result model = ModelLatency.measure(ModelLatency.load(dataDir, hrnn.version()), csv.userIds(), RESULTS, 20_000);
      print(rows, model);
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  /** MovieLens-1M's 18 genres, as movies.dat spells them. */
  private static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
      "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

  /** Imports movies.dat's genres as the group's Items dataset (ITEM_ID, GENRES). */
  private static void importMovies(HttpApi api, String group, Path data, Path csv) throws IOException, InterruptedException {
    StringBuilder rows = new StringBuilder("ITEM_ID,GENRES\n");
    for (String line : Files.readAllLines(data.resolve("movielens-1m").resolve("movies.dat"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("::");
      if (f.length >= 3) {
        rows.append(f[0]).append(',').append(f[2]).append('\n');
      }
    }
    Files.writeString(csv, rows);
    ApiSteps.imported(api, group, "ml-1m-items", "Items", ITEMS_SCHEMA, csv);
  }

  private static final String ITEMS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\",\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},{\"name\":\"GENRES\",\"type\":\"string\",\"categorical\":true}],\"version\":\"1.0\"}";

  /** Creates the schema, dataset group and dataset, imports the CSV; returns the dataset group. */
  private static String importRatings(HttpApi api, Path csv) throws IOException, InterruptedException {
    String group = ApiSteps.group(api, "ml-1m");
    ApiSteps.imported(api, group, "ml-1m-interactions", "Interactions", MovieLens1mRatings.SCHEMA, csv);
    return group;
  }

  /** Creates a solution of the recipe with its defaults, trains it and deploys it as a campaign. */
  private static Deployment deploy(HttpApi api, String group, String recipe) throws IOException, InterruptedException {
    String name = "ml-1m-" + recipe;
    String version = ApiSteps.trainedVersion(api, group, name, recipe, Map.of());
    return new Deployment(ApiSteps.campaign(api, name, version), version);
  }

  /** The users wrk asks for, shuffled, with an unknown user every 100 (they get popularity). */
  private static Path writeUserIds(List<String> known, Path file) throws IOException {
    List<String> ids = new ArrayList<>(known);
    Collections.shuffle(ids, new Random(42));
    for (int i = 0; i < known.size() / 100; i++) {
      ids.add(i * 100, "unknown-user-" + i);
    }
    return Files.write(file, ids);
  }

  /** One measured wrk load, with the CPU time this process (the server; the benchmark waits) spent on it. */
  private static Row measure(Wrk wrk, String endpoint, URI url, int seconds, String[] args) throws IOException, InterruptedException {
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    Wrk.Result r = wrk.run(url, seconds, args);
    return new Row(endpoint, r, (os.getProcessCpuTime() - cpu0) / 1e3 / Math.max(1, r.requests()));
  }

  private static void print(List<Row> rows, ModelLatency.Result model) {
    System.out.println();
    System.out.println("| Endpoint | requests/s | p50 ms | p99 ms | ratio to empty | server CPU us/request | errors |");
    System.out.println("|---|---|---|---|---|---|---|");
    double empty = 0;
    for (Row row : rows) {
      Wrk.Result r = row.result();
      // Each server's rows are compared with that server's own empty endpoint.
      if (row.endpoint().startsWith("GET /health")) {
        empty = r.requestsPerSecond();
      }
      System.out.printf("| %s | %,.0f | %.3f | %.3f | %.2fx | %.1f | %d |%n",
          row.endpoint(), r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.requestsPerSecond() / empty, row.cpuMicros(), r.errors());
    }
    double uncached = rows.get(1).result().requestsPerSecond() / rows.get(0).result().requestsPerSecond();
    double cached = rows.get(5).result().requestsPerSecond() / rows.get(4).result().requestsPerSecond();
    double filtered = rows.get(3).result().requestsPerSecond() / rows.get(1).result().requestsPerSecond();
    System.out.printf("%nTarget (issue 4): GetRecommendations (aws-hrnn) >= %.1fx the empty endpoint's rate: %.2fx with the model run every request %s, %.2fx as served by default %s%n",
        TARGET_RATIO, uncached, uncached >= TARGET_RATIO ? "(met)" : "(MISSED)", cached, cached >= TARGET_RATIO ? "(met)" : "(MISSED)");
    System.out.printf("Target (issue 5): a genre filter costs at most 2x the unfiltered request (rate >= 0.5x): %.2fx %s%n",
        filtered, filtered >= 0.5 ? "(met)" : "(MISSED)");
    System.out.printf("In-process HrnnModel.recommend, top %d, one thread, no HTTP: mean %.3f ms, p50 %.3f ms, p99 %.3f ms (%,d calls)%n",
        RESULTS, model.meanMillis(), model.p50Millis(), model.p99Millis(), model.calls());
    System.out.println();
    System.out.println("Anchors (../shared/docs/benchmarks.md, section 3):");
    System.out.println("  Amazon Personalize quota: 500 GetRecommendations/s per campaign (2,500/s per account)");
    System.out.println("  Gorse: 0.26 ms for a cached top-10 (2.2 ms item-to-item top-10)");
  }
}
