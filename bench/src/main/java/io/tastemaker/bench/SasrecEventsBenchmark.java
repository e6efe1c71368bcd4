package io.tastemaker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SASRec protocol on MovieLens-1M end to end through the API, as a user would run it: a CSV of
 * every user's {@code seq[:-2]} imported, each recipe trained and deployed by the server, each
 * evaluated user's second-to-last item sent with PutEvents, then the last item ranked among 100
 * sampled items (sampled metrics) and among every item not in the user's history (full metrics).
 * Returning users (issue 15): a second group with the same data and the same seeded training hears
 * every event a day after the training history with a new session id, so both conditions are
 * measured on the same users with the same model.
 *
 * <p>A PERSONALIZED_RANKING campaign ranks through GetPersonalizedRanking: the sampled list at once,
 * the catalogue in lists of 499 plus the target, counting the items above the target in each list
 * (a softmax over each list keeps the model's order). A USER_PERSONALIZATION campaign answers
 * GetRecommendations (500 items at most, Personalize's limit) through a filter that excludes the
 * user's interactions, as Personalize's samples do: the full rank is the target's place in that
 * list, and the sampled rank counts the sampled items before it. A target outside the 500 with
 * fewer than 10 sampled items inside cannot be placed among the rest: it counts as a miss and the
 * table says how many there were.
 */
final class SasrecEventsBenchmark {
  static final List<String> DEFAULT_RECIPES = List.of("aws-personalized-ranking");
  private static final int CHUNK = 499;
  private static final int MAX_RESULTS = 500;
  private static final int TOP = 10;
  /** The recipes GetPersonalizedRanking serves; the others answer GetRecommendations. */
  private static final Set<String> RANKING_RECIPES = Set.of("aws-personalized-ranking", "aws-personalized-ranking-v2");

  private SasrecEventsBenchmark() {}

  /** One recipe's campaigns: one in the group whose users come back in the session, one in the group whose users return a day later. */
  private record Deployed(String recipe, String sameSession, String returning, double trainSeconds, boolean sameMetrics) {}

  /** Sampled and full HR@10 and NDCG@10 over the evaluated users, and the sampled ranks that could not be placed. */
  private record Figures(int users, double sampledHr, double sampledNdcg, double fullHr, double fullNdcg, int unplaced) {}

  /** A dataset group holding the training CSV, its event tracker, and the filter that leaves out each user's interactions. */
  private record Group(String arn, String trackingId, String unseenFilter) {}

  static void run(Path dataDir, List<String> recipes, Map<String, String> overrides) throws Exception {
    MovieLens1mSasrec data = MovieLens1mSasrec.load(dataDir);
    Path dir = Files.createTempDirectory("tastemaker-sasrec-events");
    try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(dir.resolve("state")).withPort(0).withLocalDataRoots(List.of(dir)))) {
      HttpApi api = new HttpApi(server.endpoint());
      Path csv = dir.resolve("train.csv");
      data.writeTrainingCsv(csv);
      // The same users in both conditions: two groups with the same data train the same model (a
      // seeded training), one hears every evaluated user's event in the session, the other a day
      // later. Halves of one group would differ by their users: 0.03 of sampled HR@10 for
      // aws-popularity-count, which no session changes.
      // MovieLens-1M's genres, decades and demographics go in as Items and Users datasets, as
      // `bench sasrec` gives them to the recipes that read metadata in process.
      List<MetadataCsv> metadata = new ArrayList<>();
      if (data.isMovieLens()) {
        MovieLens1mMetadata ml = MovieLens1mMetadata.load(dataDir);
        metadata.add(MetadataCsv.write(ml.items(), "Items", "ITEM_ID", dir.resolve("items.csv")));
        metadata.add(MetadataCsv.write(ml.users(), "Users", "USER_ID", dir.resolve("users.csv")));
      }
      Group same = group(api, "sasrec-same", csv, metadata);
      Group back = group(api, "sasrec-returning", csv, metadata);
      // Every recipe trains before the first event: events join the group's interactions, and a
      // training after them would see the held-out items.
      List<Deployed> deployed = new ArrayList<>();
      for (String recipe : recipes) {
        Recipe known = RecipeCatalog.byName(recipe).orElseThrow(() -> new IllegalArgumentException("no recipe named " + recipe));
        Map<String, String> given = new HashMap<>(overrides);
        given.keySet().removeIf(name -> known.parameter(name).isEmpty());
        long t0 = System.nanoTime();
        String sameVersion = ApiSteps.trainedVersion(api, same.arn(), recipe + "-same", recipe, given);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        String backVersion = ApiSteps.trainedVersion(api, back.arn(), recipe + "-returning", recipe, given);
        boolean sameMetrics = metrics(api, sameVersion).equals(metrics(api, backVersion));
        ObjectNode config = Json.object();
        if (recipe.equals("aws-user-personalization")) {
          // The protocol measures relevance: no exploration slots.
          config.putObject("itemExplorationConfig").put("explorationWeight", "0");
        }
        deployed.add(new Deployed(recipe, ApiSteps.campaign(api, recipe + "-same", sameVersion, config), ApiSteps.campaign(api, recipe + "-returning", backVersion, config),
            trainSeconds, sameMetrics));
      }
      long t1 = System.nanoTime();
      putEvents(api, data, same, 60);
      putEvents(api, data, back, SasrecProtocol.RETURNING_GAP);
      double eventSeconds = (System.nanoTime() - t1) / 1e9;
      System.out.printf("MovieLens-1M, SASRec protocol through the API: %d evaluated users, %d PutEvents in %.1f s; %d cores, load %.2f%n%n", data.exact.size(),
          2 * data.exact.size(), eventSeconds, Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("| Recipe | training s | second-to-last item by PutEvents | users | sampled HR@10 | sampled NDCG@10 | full HR@10 | full NDCG@10 | unplaced |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      for (Deployed d : deployed) {
        Figures inSession = evaluate(ranker(api, d.recipe(), d.sameSession(), same), data);
        Figures returning = evaluate(ranker(api, d.recipe(), d.returning(), back), data);
        System.out.printf("| %s | %.0f | a minute after the history, same session | %s |%n", d.recipe(), d.trainSeconds(), row(inSession));
        System.out.printf("| %s | | a day later, new session id (returning user) | %s |%n", d.recipe(), row(returning));
        System.out.printf("| %s | | returning minus same session%s | | %+.4f | %+.4f | %+.4f | %+.4f | |%n", d.recipe(),
            d.sameMetrics() ? "" : " (the two groups' models differ: their GetSolutionMetrics do)", returning.sampledHr() - inSession.sampledHr(),
            returning.sampledNdcg() - inSession.sampledNdcg(), returning.fullHr() - inSession.fullHr(), returning.fullNdcg() - inSession.fullNdcg());
      }
      System.out.println("| SASRec (paper) | | | | 0.8245 | 0.5905 | 0.2500 | 0.1341 | |");
      System.out.println();
      System.out.println("Issue 15's bar: the returning user's sampled HR@10 within 0.02 of the same-session figure, for every recipe.");
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  private static Group group(HttpApi api, String name, Path csv, List<MetadataCsv> metadata) throws Exception {
    String arn = ApiSteps.group(api, name);
    ApiSteps.imported(api, arn, name, "Interactions", MovieLens1mSasrec.TRAINING_SCHEMA, csv);
    for (MetadataCsv m : metadata) {
      ApiSteps.imported(api, arn, name + "-" + m.type().toLowerCase(Locale.ROOT), m.type(), m.schema(), m.file());
    }
    String filter = api.call("CreateFilter", Json.object().put("name", name + "-unseen").put("datasetGroupArn", arn)
        .put("filterExpression", "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\", \"rating\")")).get("filterArn").asText();
    api.awaitActive("Filter", filter, ApiSteps.QUICK);
    return new Group(arn, ApiSteps.trackingId(api, arn, name), filter);
  }

  /** A metadata dataset's CSV and its schema: the id, then one categorical string column per field. */
  private record MetadataCsv(String type, Path file, String schema) {
    /** Writes the id, then each field's values joined by {@code |}; features are "FIELD=value" words. */
    static MetadataCsv write(Metadata metadata, String type, String idColumn, Path file) throws IOException {
      List<String> fields = new ArrayList<>(new TreeSet<>(metadata.vocabulary().stream().map(w -> w.split("=", 2)[0]).toList()));
      StringBuilder out = new StringBuilder(idColumn);
      StringBuilder schema = new StringBuilder("{\"type\":\"record\",\"name\":\"" + type + "\",\"fields\":[{\"name\":\"" + idColumn + "\",\"type\":\"string\"}");
      for (String field : fields) {
        out.append(',').append(field);
        schema.append(",{\"name\":\"").append(field).append("\",\"type\":\"string\",\"categorical\":true}");
      }
      out.append('\n');
      for (String id : metadata.ids()) {
        Map<String, List<String>> values = new TreeMap<>();
        for (int feature : metadata.featuresOf(id).orElse(new int[0])) {
          String[] kv = metadata.vocabulary().get(feature).split("=", 2);
          values.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
        }
        out.append(id);
        for (String field : fields) {
          out.append(',').append(String.join("|", values.getOrDefault(field, List.of())));
        }
        out.append('\n');
      }
      Files.writeString(file, out);
      return new MetadataCsv(type, file, schema.append("]}").toString());
    }
  }

  /** Each evaluated user's second-to-last item, {@code gap} seconds after the training history: in the history's session a minute later, else in a new one. */
  private static void putEvents(HttpApi api, MovieLens1mSasrec data, Group group, long gap) throws Exception {
    for (Map.Entry<Integer, int[]> e : new TreeMap<>(data.exact).entrySet()) {
      int[] seq = e.getValue();
      long lastTrained = MovieLens1mSasrec.BASE_TIME + 60L * (seq.length - 3);
      ObjectNode request = Json.object().put("trackingId", group.trackingId()).put("userId", Integer.toString(e.getKey()))
          .put("sessionId", (gap == SasrecProtocol.RETURNING_GAP ? "returning-" : "s") + e.getKey());
      request.putArray("eventList").addObject().put("eventType", "rating").put("itemId", Integer.toString(seq[seq.length - 2]))
          .put("sentAt", lastTrained + gap);
      api.putEvents(request);
    }
  }

  private static JsonNode metrics(HttpApi api, String version) throws Exception {
    return api.call("GetSolutionMetrics", Json.object().put("solutionVersionArn", version)).path("metrics");
  }

  private static Ranker ranker(HttpApi api, String recipe, String campaign, Group group) {
    return RANKING_RECIPES.contains(recipe) ? new RankingCampaign(api, campaign) : new RecommendingCampaign(api, campaign, group.unseenFilter());
  }

  private static String row(Figures f) {
    return String.format("%d | %.4f | %.4f | %.4f | %.4f | %d", f.users(), f.sampledHr(), f.sampledNdcg(), f.fullHr(), f.fullNdcg(), f.unplaced());
  }

  /** Where a campaign puts a user's target: among the sampled items, and among the items outside the history. */
  private interface Ranker {
    /** {sampled rank, full rank}; a rank of {@link #TOP} or more is a miss; -1 as the sampled rank when it cannot be placed. */
    int[] ranks(String user, String target, List<String> sampled, List<String> unseen) throws Exception;
  }

  /** GetPersonalizedRanking over the sampled list and over the unseen items in lists of {@link #CHUNK}. */
  private record RankingCampaign(HttpApi api, String campaign) implements Ranker {
    @Override
    public int[] ranks(String user, String target, List<String> sampled, List<String> unseen) throws Exception {
      int sampledRank = above(api.rank(campaign, user, sampled), target);
      int fullRank = 0;
      for (int from = 0; from < unseen.size(); from += CHUNK) {
        List<String> list = new ArrayList<>(List.of(target));
        list.addAll(unseen.subList(from, Math.min(unseen.size(), from + CHUNK)));
        fullRank += above(api.rank(campaign, user, list), target);
      }
      return new int[] {sampledRank, fullRank};
    }
  }

  /** GetRecommendations' top {@link #MAX_RESULTS} through a filter that leaves out the user's interactions. */
  private record RecommendingCampaign(HttpApi api, String campaign, String filter) implements Ranker {
    @Override
    public int[] ranks(String user, String target, List<String> sampled, List<String> unseen) throws Exception {
      Set<String> negatives = new HashSet<>(sampled.subList(1, sampled.size()));
      int position = -1;
      int negativesBefore = 0;
      int i = 0;
      for (JsonNode item : api.recommendations(campaign, user, MAX_RESULTS, filter).get("itemList")) {
        String id = item.get("itemId").asText();
        if (id.equals(target)) {
          position = i;
          break;
        }
        negativesBefore += negatives.contains(id) ? 1 : 0;
        i++;
      }
      if (position >= 0) {
        return new int[] {negativesBefore, position};
      }
      // Outside the answer: below every listed item; among the sampled ones only a miss is certain.
      return new int[] {negativesBefore >= TOP ? negativesBefore : -1, MAX_RESULTS};
    }
  }

  /** The figures over the evaluated users, with the negatives drawn as {@link SasrecProtocol} draws them. */
  private static Figures evaluate(Ranker ranker, MovieLens1mSasrec data) throws Exception {
    SplittableRandom random = new SplittableRandom(SasrecProtocol.NEGATIVE_SEED);
    double[] sums = new double[4];
    int users = 0;
    int unplaced = 0;
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
      users++;
      Set<Integer> history = new HashSet<>();
      for (int p = 0; p < seq.length - 1; p++) {
        history.add(seq[p]);
      }
      List<String> unseen = new ArrayList<>();
      for (int item = 1; item <= data.items; item++) {
        if (!history.contains(item) && !Integer.toString(item).equals(target)) {
          unseen.add(Integer.toString(item));
        }
      }
      int[] ranks = ranker.ranks(user, target, sampled, unseen);
      if (ranks[0] < 0) {
        unplaced++;
      } else if (ranks[0] < TOP) {
        sums[0]++;
        sums[1] += 1 / (Math.log(ranks[0] + 2) / Math.log(2));
      }
      if (ranks[1] < TOP) {
        sums[2]++;
        sums[3] += 1 / (Math.log(ranks[1] + 2) / Math.log(2));
      }
    }
    for (int k = 0; k < 4; k++) {
      sums[k] /= Math.max(1, users);
    }
    return new Figures(users, sums[0], sums[1], sums[2], sums[3], unplaced);
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
