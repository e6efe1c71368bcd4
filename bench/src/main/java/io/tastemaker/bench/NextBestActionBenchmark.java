package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.csv.CsvImporter;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.nextbestaction.ActionCatalog;
import io.tastemaker.core.nextbestaction.ActionData;
import io.tastemaker.core.nextbestaction.ActionEvaluation;
import io.tastemaker.core.nextbestaction.ActionEventType;
import io.tastemaker.core.nextbestaction.ActionEvents;
import io.tastemaker.core.nextbestaction.NextBestActionModel;
import io.tastemaker.core.nextbestaction.NextBestActionTrainer;
import io.tastemaker.core.nextbestaction.RecommendedAction;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.sample.PlantedActions;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bench next-best-action}: aws-next-best-action on {@link PlantedActions}' data (users in
 * taste groups, each group's planted action, two broad actions everyone takes a little, an expired
 * one), against the non-personalized answer (actions by overall take rate): how often each puts a
 * user's planted action first, for users with action history and for users known only by their
 * items, and the held-out metrics of GetSolutionMetrics.
 */
final class NextBestActionBenchmark {
  private static final String INTERACTIONS =
      "{\"type\":\"record\",\"name\":\"Interactions\",\"fields\":[{\"name\":\"USER_ID\",\"type\":\"string\"},{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"},{\"name\":\"TIMESTAMP\",\"type\":\"long\"}],\"version\":\"1.0\"}";
  private static final String ACTIONS =
      "{\"type\":\"record\",\"name\":\"Actions\",\"fields\":[{\"name\":\"ACTION_ID\",\"type\":\"string\"},{\"name\":\"VALUE\",\"type\":[\"null\",\"long\"]},"
          + "{\"name\":\"EXPIRATION_TIMESTAMP\",\"type\":[\"null\",\"long\"]},{\"name\":\"REPEAT_FREQUENCY\",\"type\":[\"null\",\"int\"]}],\"version\":\"1.0\"}";
  private static final String ACTION_INTERACTIONS =
      "{\"type\":\"record\",\"name\":\"ActionInteractions\",\"fields\":[{\"name\":\"USER_ID\",\"type\":\"string\"},{\"name\":\"ACTION_ID\",\"type\":\"string\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"},{\"name\":\"TIMESTAMP\",\"type\":\"long\"}],\"version\":\"1.0\"}";

  private NextBestActionBenchmark() {}

  static void run(Map<String, String> overrides, int seeds) throws Exception {
    long end = 1_750_000_000L;
    System.out.println("bench next-best-action: 2000 users in 5 taste groups, 20% known only by their items; top-1 = the planted action first");
    System.out.printf("%-5s %-22s %-22s %-22s %-10s %-10s%n", "seed", "model top-1 (history)", "model top-1 (items)", "by take rate top-1", "action_auc", "prec@1");
    Path dir = Files.createTempDirectory("bench-nba");
    for (int seed = 1; seed <= seeds; seed++) {
      PlantedActions planted = new PlantedActions(2000, 5, 0.2, end, seed);
      TrainingInput input = input(planted, dir, overrides);
      NextBestActionTrainer trainer = new NextBestActionTrainer(RecipeCatalog.NEXT_BEST_ACTION);
      long started = System.nanoTime();
      NextBestActionModel model = trainer.train(input, TrainingMonitor.NONE);
      double seconds = (System.nanoTime() - started) / 1e9;
      String baseline = byTakeRate(input.actions(), end);
      int warm = 0;
      int warmHits = 0;
      int cold = 0;
      int coldHits = 0;
      int baselineHits = 0;
      for (int u = 0; u < planted.users(); u++) {
        List<RecommendedAction> answer = model.recommendActions(planted.userId(u), Map.of(), end, 1, ItemMask.ALL);
        boolean hit = model.actions().id(answer.get(0).action()).equals(planted.plantedAction(u));
        baselineHits += baseline.equals(planted.plantedAction(u)) ? 1 : 0;
        if (planted.cold(u)) {
          cold++;
          coldHits += hit ? 1 : 0;
        } else {
          warm++;
          warmHits += hit ? 1 : 0;
        }
      }
      Map<String, Double> metrics = ActionEvaluation.run(trainer, input, TrainingMonitor.NONE);
      System.out.printf("%-5d %-22.3f %-22.3f %-22.3f %-10.3f %-10.3f (trained in %.1f s)%n", seed, (double) warmHits / warm, (double) coldHits / cold,
          (double) baselineHits / planted.users(), metrics.getOrDefault("action_auc", Double.NaN), metrics.getOrDefault("action_precision_at_1", Double.NaN), seconds);
    }
  }

  /** The live action with the highest overall take rate: what an answer without users gives everyone first. */
  private static String byTakeRate(ActionData data, long now) {
    ActionCatalog catalog = data.catalog();
    int[] taken = new int[catalog.size()];
    int[] shown = new int[catalog.size()];
    for (ActionEvents.Event e : data.events().events()) {
      taken[e.action()] += e.type() == ActionEventType.TAKEN ? 1 : 0;
      shown[e.action()] += e.type() == ActionEventType.VIEWED ? 1 : 0;
    }
    int best = -1;
    for (int a = 0; a < catalog.size(); a++) {
      if (catalog.expiration(a) > now && (best < 0 || (double) taken[a] / Math.max(1, shown[a]) > (double) taken[best] / Math.max(1, shown[best]))) {
        best = a;
      }
    }
    return catalog.id(best);
  }

  private static TrainingInput input(PlantedActions planted, Path dir, Map<String, String> hyperparameters) throws Exception {
    List<Segment> interactions = read(planted.writeInteractions(dir.resolve("interactions.csv")), INTERACTIONS, DatasetType.INTERACTIONS);
    ActionCatalog catalog = ActionCatalog.of(read(planted.writeActions(dir.resolve("actions.csv")), ACTIONS, DatasetType.ACTIONS), Map.of());
    ActionEvents events =
        ActionEvents.of(read(planted.writeActionInteractions(dir.resolve("action-interactions.csv")), ACTION_INTERACTIONS, DatasetType.ACTION_INTERACTIONS), List.of(), catalog);
    InteractionData data = InteractionData.fromSegments(interactions, InteractionFilter.ALL);
    return new TrainingInput(data, RecipeCatalog.byName(RecipeCatalog.NEXT_BEST_ACTION).orElseThrow().resolve(hyperparameters, Map.of()), 42)
        .withActions(new ActionData(catalog, events));
  }

  private static List<Segment> read(Path file, String schema, DatasetType type) throws Exception {
    List<Segment> segments = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      new CsvImporter(AvroSchemaParser.parse(schema), type).importFile(file.getFileName().toString(), in, segments::add);
    }
    return segments;
  }
}
