package io.tastemaker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The SASRec protocol on MovieLens-1M end to end through the API, as a user would run it: a CSV of
 * every user's {@code seq[:-2]} imported, aws-personalized-ranking trained and deployed by the
 * server, each evaluated user's second-to-last item sent with PutEvents, then the last item ranked
 * with GetPersonalizedRanking among 100 sampled items (sampled metrics) and among every item not in
 * the user's history (full metrics: the catalogue in lists of 499 plus the target, counting the items
 * above the target in each list, which a softmax over each list keeps in the model's order).
 * Every other user is a returning user (issue 15): their event comes a day after the training
 * history with a new session id; the figures are printed for both halves.
 */
final class SasrecEventsBenchmark {
  private static final int CHUNK = 499;

  private SasrecEventsBenchmark() {}

  static void run(Path dataDir, Map<String, String> overrides) throws Exception {
    MovieLens1mSasrec data = MovieLens1mSasrec.load(dataDir);
    Path dir = Files.createTempDirectory("tastemaker-sasrec-events");
    try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(dir.resolve("state")).withPort(0).withLocalDataRoots(List.of(dir)))) {
      HttpApi api = new HttpApi(server.endpoint());
      Path csv = dir.resolve("train.csv");
      data.writeTrainingCsv(csv);
      String group = ApiSteps.group(api, "sasrec");
      ApiSteps.imported(api, group, "sasrec", "Interactions", MovieLens1mSasrec.TRAINING_SCHEMA, csv);
      long t0 = System.nanoTime();
      String version = ApiSteps.trainedVersion(api, group, "ranking", "aws-personalized-ranking", overrides);
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      String campaign = ApiSteps.campaign(api, "ranking", version);
      String trackingId = ApiSteps.trackingId(api, group, "sasrec");

      long t1 = System.nanoTime();
      // Every other evaluated user returns: the event comes a day after the training history, in a
      // new session id (issue 15); the others send it a minute later, in the history's session.
      Set<Integer> returning = new HashSet<>();
      int k = 0;
      for (Map.Entry<Integer, int[]> e : new TreeMap<>(data.exact).entrySet()) {
        int[] seq = e.getValue();
        boolean back = k++ % 2 == 1;
        if (back) {
          returning.add(e.getKey());
        }
        long lastTrained = MovieLens1mSasrec.BASE_TIME + 60L * (seq.length - 3);
        ObjectNode request = Json.object().put("trackingId", trackingId).put("userId", Integer.toString(e.getKey()))
            .put("sessionId", (back ? "returning-" : "s") + e.getKey());
        request.putArray("eventList").addObject().put("eventType", "rating").put("itemId", Integer.toString(seq[seq.length - 2]))
            .put("sentAt", back ? lastTrained + SasrecProtocol.RETURNING_GAP : lastTrained + 60);
        api.putEvents(request);
      }
      double eventSeconds = (System.nanoTime() - t1) / 1e9;
      long t2 = System.nanoTime();
      double[] inSession = evaluate(api, campaign, data, user -> !returning.contains(user));
      double[] back = evaluate(api, campaign, data, returning::contains);
      double rankSeconds = (System.nanoTime() - t2) / 1e9;
      System.out.printf("MovieLens-1M, SASRec protocol through the API: %d evaluated users; training %.0f s (server: evaluation split, then every user),"
          + " %d PutEvents in %.1f s, rankings in %.1f s%n%n", data.exact.size(), trainSeconds, data.exact.size(), eventSeconds, rankSeconds);
      System.out.println("| Model | users | sampled HR@10 | sampled NDCG@10 | full HR@10 | full NDCG@10 |");
      System.out.println("|---|---|---|---|---|---|");
      System.out.printf("| aws-personalized-ranking campaign, second-to-last item by PutEvents a minute after the history, same session | %d | %.4f | %.4f | %.4f | %.4f |%n",
          data.exact.size() - returning.size(), inSession[0], inSession[1], inSession[2], inSession[3]);
      System.out.printf("| ... a day later in a new session id (returning user) | %d | %.4f | %.4f | %.4f | %.4f |%n", returning.size(), back[0], back[1], back[2],
          back[3]);
      System.out.println("| SASRec (paper) | | 0.8245 | 0.5905 | 0.2500 | 0.1341 |");
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  /** Sampled and full HR@10 and NDCG@10, with the negatives drawn as {@link SasrecProtocol} draws them. */
  private static double[] evaluate(HttpApi api, String campaign, MovieLens1mSasrec data, IntPredicate counted) throws Exception {
    SplittableRandom random = new SplittableRandom(SasrecProtocol.NEGATIVE_SEED);
    double[] sums = new double[4];
    int users = 0;
    for (Map.Entry<Integer, int[]> e : new TreeMap<>(data.exact).entrySet()) {
      String user = Integer.toString(e.getKey());
      int[] seq = e.getValue();
      String target = Integer.toString(seq[seq.length - 1]);
      Set<Integer> seen = new HashSet<>();
      for (int item : seq) {
        seen.add(item);
      }
      List<String> sampled = new ArrayList<>(List.of(target));
      for (int k = 0; k < 100; k++) {
        int negative;
        do {
          negative = 1 + random.nextInt(data.items);
        } while (seen.contains(negative));
        sampled.add(Integer.toString(negative));
      }
      if (!counted.test(e.getKey())) {
        continue;
      }
      users++;
      int sampledRank = above(api.rank(campaign, user, sampled), target);
      Set<Integer> history = new HashSet<>();
      for (int p = 0; p < seq.length - 1; p++) {
        history.add(seq[p]);
      }
      List<String> rest = new ArrayList<>();
      for (int item = 1; item <= data.items; item++) {
        if (!history.contains(item) && !Integer.toString(item).equals(target)) {
          rest.add(Integer.toString(item));
        }
      }
      int fullRank = 0;
      for (int from = 0; from < rest.size(); from += CHUNK) {
        List<String> list = new ArrayList<>(List.of(target));
        list.addAll(rest.subList(from, Math.min(rest.size(), from + CHUNK)));
        fullRank += above(api.rank(campaign, user, list), target);
      }
      if (sampledRank < 10) {
        sums[0]++;
        sums[1] += 1 / (Math.log(sampledRank + 2) / Math.log(2));
      }
      if (fullRank < 10) {
        sums[2]++;
        sums[3] += 1 / (Math.log(fullRank + 2) / Math.log(2));
      }
    }
    for (int k = 0; k < 4; k++) {
      sums[k] /= Math.max(1, users);
    }
    return sums;
  }

  /** How many scored items of a ranking come before the target (ties count for the target). */
  private static int above(JsonNode answer, String target) {
    JsonNode list = answer.get("personalizedRanking");
    double targetScore = Double.NaN;
    for (JsonNode item : list) {
      if (item.get("itemId").asText().equals(target)) {
        targetScore = item.path("score").asDouble(Double.NaN);
      }
    }
    if (Double.isNaN(targetScore)) {
      // The model never saw the target: every scored item comes first.
      int scored = 0;
      for (JsonNode item : list) {
        scored += item.has("score") ? 1 : 0;
      }
      return scored;
    }
    int above = 0;
    for (JsonNode item : list) {
      if (item.has("score") && item.get("score").asDouble() > targetScore) {
        above++;
      }
    }
    return above;
  }
}
