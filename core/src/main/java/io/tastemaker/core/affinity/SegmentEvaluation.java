package io.tastemaker.core.affinity;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GetSolutionMetrics for the USER_SEGMENTATION recipes, on the split the guide gives them: 80% of
 * each user's interactions train, 20% test (here the newest 20%, so the test looks forward). Each
 * item with test interactions gets its segment of {@link #SEGMENT_SIZE} users, leaving out the
 * users who already interacted with it in training (finding those again proves nothing), and is
 * scored against the users who interacted with it in the test part: precision (the share of the
 * segment that did) and recall (the share of those users the segment found), averaged over items.
 */
public final class SegmentEvaluation {
  public static final double TEST_FRACTION = 0.2;
  public static final int SEGMENT_SIZE = 25;
  public static final String PRECISION = "segment_precision_at_25";
  public static final String RECALL = "segment_recall_at_25";

  private SegmentEvaluation() {}

  /** Trains on the split and returns the metrics. */
  public static Map<String, Double> run(AffinityTrainer trainer, TrainingInput input, TrainingMonitor monitor) {
    Split split = Split.of(input.interactions());
    AffinityModel model = trainer.train(input.withInteractions(split.train()), monitor);
    return evaluate(model, split);
  }

  /** The metrics of a model trained on {@code split.train()}. */
  static Map<String, Double> evaluate(AffinityModel model, Split split) {
    double precision = 0;
    double recall = 0;
    int scored = 0;
    for (Map.Entry<String, BitSet[]> entry : split.usersByItem(model).entrySet()) {
      BitSet trained = entry.getValue()[0];
      BitSet truth = entry.getValue()[1];
      truth.andNot(trained);
      if (truth.isEmpty()) {
        continue;
      }
      int item = model.items().indexOf(entry.getKey()).orElseThrow();
      UserSegment segment = model.segment(item, SEGMENT_SIZE, user -> !trained.get(user));
      int hits = 0;
      for (int user : segment.users()) {
        if (truth.get(user)) {
          hits++;
        }
      }
      precision += (double) hits / SEGMENT_SIZE;
      recall += (double) hits / truth.cardinality();
      scored++;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(PRECISION, scored == 0 ? 0.0 : precision / scored);
    metrics.put(RECALL, scored == 0 ? 0.0 : recall / scored);
    return metrics;
  }

  /**
   * Each user's oldest 80% of interactions (all of a user's single interaction) and newest 20%.
   *
   * @param train the training part, every item of the data kept in the catalogue
   * @param test per user id, the item ids of the test part
   * @param all the data split
   */
  public record Split(InteractionData train, Map<String, List<String>> test, InteractionData all) {
    /** The split of every user's interactions. */
    public static Split of(InteractionData data) {
      InteractionData.Builder b = new InteractionData.Builder(data.itemIds());
      Map<String, List<String>> test = new LinkedHashMap<>();
      for (int u = 0; u < data.userCount(); u++) {
        int n = data.historyLength(u);
        int held = n < 2 ? 0 : Math.max(1, (int) Math.round(TEST_FRACTION * n));
        for (int k = data.start(u); k < data.end(u); k++) {
          if (k < data.end(u) - held) {
            int type = data.eventType(k);
            b.add(data.userId(u), data.itemId(data.item(k)), data.timestamp(k), type < 0 ? Optional.empty() : Optional.of(data.eventTypes().get(type)), data.eventValue(k));
          } else {
            test.computeIfAbsent(data.userId(u), x -> new ArrayList<>()).add(data.itemId(data.item(k)));
          }
        }
      }
      return new Split(b.build(), test, data);
    }

    /** Per item id: the model's users who had it in training [0] and in the test part [1]. */
    Map<String, BitSet[]> usersByItem(AffinityModel model) {
      Map<String, BitSet[]> byItem = new LinkedHashMap<>();
      for (int u = 0; u < train.userCount(); u++) {
        int user = model.userIndexOf(train.userId(u)).orElseThrow();
        for (int k = train.start(u); k < train.end(u); k++) {
          byItem.computeIfAbsent(train.itemId(train.item(k)), x -> new BitSet[] {new BitSet(), new BitSet()})[0].set(user);
        }
      }
      for (Map.Entry<String, List<String>> e : test.entrySet()) {
        int user = model.userIndexOf(e.getKey()).orElse(-1);
        if (user < 0) {
          continue;
        }
        for (String item : e.getValue()) {
          if (model.items().indexOf(item).isPresent()) {
            byItem.computeIfAbsent(item, x -> new BitSet[] {new BitSet(), new BitSet()})[1].set(user);
          }
        }
      }
      return byItem;
    }
  }
}
