package io.tastemaker.core.eval;

import io.tastemaker.core.affinity.AffinityTrainer;
import io.tastemaker.core.affinity.SegmentEvaluation;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.model.UserRefit;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * GetSolutionMetrics' numbers for any recipe: hold out users, train on the rest, ask the model for
 * each held-out user's top 25 and score them against the user's newest interactions.
 *
 * <p>How a model is asked depends on what it answers: recommendations for the history
 * (USER_PERSONALIZATION), the whole catalogue ranked (PERSONALIZED_RANKING), or the items related to
 * the newest item of the history (RELATED_ITEMS).
 */
public final class SolutionEvaluation {
  private SolutionEvaluation() {}

  /** A trained model and its offline metrics. */
  public record Trained(Recommender model, Map<String, Double> metrics) {}

  /**
   * Runs the protocol.
   *
   * @param catalogueSize distinct items in the Interactions and Items datasets, for coverage
   */
  public static Map<String, Double> run(Trainer trainer, TrainingInput input, int catalogueSize, TrainingMonitor monitor) {
    if (trainer instanceof AffinityTrainer affinity) {
      return SegmentEvaluation.run(affinity, input, monitor);
    }
    if (trainer instanceof io.tastemaker.core.nextbestaction.NextBestActionTrainer actions) {
      return io.tastemaker.core.nextbestaction.ActionEvaluation.run(actions, input, monitor);
    }
    return evaluate(trainOnSplit(trainer, input, monitor), input, catalogueSize);
  }

  /**
   * Trains the model to serve and computes its metrics. A model that can take in new users ({@link
   * UserRefit}) is trained once, on the evaluation split, and then given every user; others are
   * trained again on all the data.
   */
  public static Trained trainAndEvaluate(Trainer trainer, TrainingInput input, int catalogueSize, TrainingMonitor monitor) {
    if (trainer instanceof AffinityTrainer affinity) {
      // USER_SEGMENTATION recipes have a split of their own.
      Map<String, Double> metrics = SegmentEvaluation.run(affinity, input, monitor);
      monitor.checkStop();
      return new Trained(trainer.train(input, monitor), metrics);
    }
    if (trainer instanceof io.tastemaker.core.nextbestaction.NextBestActionTrainer actions) {
      // PERSONALIZED_ACTIONS holds out users' action choices, not their items.
      Map<String, Double> metrics = io.tastemaker.core.nextbestaction.ActionEvaluation.run(actions, input, monitor);
      monitor.checkStop();
      return new Trained(trainer.train(input, monitor), metrics);
    }
    Recommender split = trainOnSplit(trainer, input, monitor);
    Map<String, Double> metrics = evaluate(split, input, catalogueSize);
    monitor.checkStop();
    Recommender served = split instanceof UserRefit refit ? refit.withUsers(input.interactions()) : trainer.train(input, monitor);
    return new Trained(served, metrics);
  }

  private static Recommender trainOnSplit(Trainer trainer, TrainingInput input, TrainingMonitor monitor) {
    InteractionData data = input.interactions();
    HoldoutSplit split = HoldoutSplit.of(data, input.seed());
    return trainer.train(input.withInteractions(data.subset(split.trainUsers())), monitor);
  }

  private static Map<String, Double> evaluate(Recommender model, TrainingInput input, int catalogueSize) {
    InteractionData data = input.interactions();
    List<EvalQuery> queries = HoldoutSplit.of(data, input.seed()).queries(data);
    return OfflineMetrics.evaluate(queries, asker(model, data), catalogueSize);
  }

  /** Asks a model for the top items of a query, in the data's item indices. */
  static java.util.function.Function<EvalQuery, int[]> asker(Recommender model, InteractionData data) {
    Map<String, Integer> dataIndex = new HashMap<>(data.itemCount() * 2);
    for (int i = 0; i < data.itemCount(); i++) {
      dataIndex.put(data.itemId(i), i);
    }
    int[] modelToData = new int[model.items().size()];
    for (int m = 0; m < modelToData.length; m++) {
      modelToData[m] = dataIndex.getOrDefault(model.items().id(m), -1);
    }
    int[] everything = new int[model.items().size()];
    Arrays.setAll(everything, i -> i);
    return query -> {
      History history = toModel(query.history(), model, data);
      Ranking ranking =
          switch (model.type()) {
            case USER_PERSONALIZATION -> model.recommend(UserQuery.anonymous(history), OfflineMetrics.DEPTH, ItemMask.ALL);
            case PERSONALIZED_RANKING -> model.rank(UserQuery.anonymous(history), everything);
            case RELATED_ITEMS -> history.length() == 0
                ? Ranking.unscored(new int[0])
                : model.related(history.item(history.length() - 1), OfflineMetrics.DEPTH, ItemMask.ALL);
            case USER_SEGMENTATION -> throw new IllegalArgumentException(model.recipe() + " is evaluated by SegmentEvaluation");
            case PERSONALIZED_ACTIONS -> throw new IllegalArgumentException(model.recipe() + " is evaluated by ActionEvaluation");
          };
      int[] items = ranking.items();
      int n = Math.min(items.length, OfflineMetrics.DEPTH);
      int[] top = new int[n];
      int kept = 0;
      for (int k = 0; k < n; k++) {
        int d = modelToData[items[k]];
        if (d >= 0) {
          top[kept++] = d;
        }
      }
      return Arrays.copyOf(top, kept);
    };
  }

  /** A history in the model's item indices; items the model never saw are dropped. */
  private static History toModel(History history, Recommender model, InteractionData data) {
    int[] items = new int[history.length()];
    long[] times = new long[history.length()];
    int n = 0;
    for (int i = 0; i < history.length(); i++) {
      OptionalInt m = model.items().indexOf(data.itemId(history.item(i)));
      if (m.isPresent()) {
        items[n] = m.getAsInt();
        times[n] = history.timestamp(i);
        n++;
      }
    }
    return new History(Arrays.copyOf(items, n), Arrays.copyOf(times, n));
  }
}
