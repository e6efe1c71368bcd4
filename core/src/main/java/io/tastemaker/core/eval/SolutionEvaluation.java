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
import io.tastemaker.core.recipe.RecipeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/**
 * GetSolutionMetrics' numbers for any recipe: hold out users, train on the rest, ask the model for
 * each held-out user's top 25 and score them against the user's newest interactions.
 *
 * <p>How a model is asked depends on what it answers: recommendations for the history
 * (USER_PERSONALIZATION), the whole catalogue ranked (PERSONALIZED_RANKING), or the items related to
 * the newest item of the history (RELATED_ITEMS).
 */
public final class SolutionEvaluation {
  /** Held-out users asked at once: as many as a batch job's block. */
  private static final int BLOCK = 256;

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
    HoldoutSplit split = HoldoutSplit.of(input.interactions(), input.seed());
    return evaluate(trainOnSplit(trainer, input, split, monitor), input, split, catalogueSize);
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
    HoldoutSplit holdout = HoldoutSplit.of(input.interactions(), input.seed());
    Recommender split = trainOnSplit(trainer, input, holdout, monitor);
    Map<String, Double> metrics = evaluate(split, input, holdout, catalogueSize);
    monitor.checkStop();
    Recommender served =
        split instanceof UserRefit refit ? refit.withUsers(input.interactions(), trainedOn(holdout, input.interactions().userCount())) : trainer.train(input, monitor);
    return new Trained(served, metrics);
  }

  /** The users the split trains on, by index in all the data: their histories there are the ones the split model holds. */
  private static IntPredicate trainedOn(HoldoutSplit holdout, int users) {
    boolean[] trained = new boolean[users];
    for (int user : holdout.trainUsers()) {
      trained[user] = true;
    }
    return user -> trained[user];
  }

  private static Recommender trainOnSplit(Trainer trainer, TrainingInput input, HoldoutSplit holdout, TrainingMonitor monitor) {
    InteractionData data = input.interactions();
    return trainer.train(input.withInteractions(data.subset(holdout.trainUsers())), monitor);
  }

  private static Map<String, Double> evaluate(Recommender model, TrainingInput input, HoldoutSplit holdout, int catalogueSize) {
    InteractionData data = input.interactions();
    List<EvalQuery> queries = holdout.queries(data);
    Map<EvalQuery, int[]> answers = answers(model, data, queries);
    return OfflineMetrics.evaluate(queries, answers::get, catalogueSize);
  }

  /**
   * Every query's top items in the data's item indices, asked in blocks of {@link #BLOCK} on every
   * core (a 10M-interaction shop holds out 20k users): held-out users are independent, and a block of users is scored against the item table at
   * once ({@link Recommender#recommendAll}), as a batch job scores them. Each answer is the one
   * {@link #asker} gives, so the metrics are too.
   */
  static Map<EvalQuery, int[]> answers(Recommender model, InteractionData data, List<EvalQuery> queries) {
    Asker asker = new Asker(model, data);
    int[][] answers = new int[queries.size()][];
    // Threads of its own, which end with the evaluation: block scoring's per-thread buffers (tens of
    // megabytes at a million items) go with them, where a shared pool's threads would keep them.
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
      Thread t = new Thread(r, "solution-evaluation");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> blocks = new ArrayList<>();
      for (int from = 0; from < queries.size(); from += BLOCK) {
        int first = from;
        List<EvalQuery> block = queries.subList(from, Math.min(queries.size(), from + BLOCK));
        blocks.add(pool.submit(() -> {
          List<int[]> top = asker.askAll(block);
          for (int k = 0; k < top.size(); k++) {
            answers[first + k] = top.get(k);
          }
        }));
      }
      for (Future<?> block : blocks) {
        block.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating the solution", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Map<EvalQuery, int[]> byQuery = new IdentityHashMap<>(queries.size() * 2);
    for (int q = 0; q < answers.length; q++) {
      byQuery.put(queries.get(q), answers[q]);
    }
    return byQuery;
  }

  /** Asks a model for the top items of a query, in the data's item indices, one query at a time. */
  static java.util.function.Function<EvalQuery, int[]> asker(Recommender model, InteractionData data) {
    Asker asker = new Asker(model, data);
    return query -> asker.toData(asker.ask(toModel(query.history(), model, data)));
  }

  /** Asks a model for queries' top items, translating between the data's item indices and the model's. */
  private static final class Asker {
    private final Recommender model;
    private final InteractionData data;
    private final int[] modelToData;
    private final int[] everything;

    Asker(Recommender model, InteractionData data) {
      this.model = model;
      this.data = data;
      Map<String, Integer> dataIndex = new HashMap<>(data.itemCount() * 2);
      for (int i = 0; i < data.itemCount(); i++) {
        dataIndex.put(data.itemId(i), i);
      }
      this.modelToData = new int[model.items().size()];
      for (int m = 0; m < modelToData.length; m++) {
        modelToData[m] = dataIndex.getOrDefault(model.items().id(m), -1);
      }
      this.everything = new int[model.items().size()];
      Arrays.setAll(everything, i -> i);
    }

    /** The queries' top items, in order; recommendations are asked for as one block. */
    List<int[]> askAll(List<EvalQuery> queries) {
      List<Ranking> rankings = new ArrayList<>(queries.size());
      if (model.type() == RecipeType.USER_PERSONALIZATION) {
        List<UserQuery> asked = new ArrayList<>(queries.size());
        for (EvalQuery query : queries) {
          asked.add(UserQuery.anonymous(toModel(query.history(), model, data)));
        }
        rankings.addAll(model.recommendAll(asked, OfflineMetrics.DEPTH, Collections.nCopies(asked.size(), ItemMask.ALL)));
      } else {
        for (EvalQuery query : queries) {
          rankings.add(ask(toModel(query.history(), model, data)));
        }
      }
      List<int[]> tops = new ArrayList<>(rankings.size());
      for (Ranking ranking : rankings) {
        tops.add(toData(ranking));
      }
      return tops;
    }

    private Ranking ask(History history) {
      return switch (model.type()) {
        case USER_PERSONALIZATION -> model.recommend(UserQuery.anonymous(history), OfflineMetrics.DEPTH, ItemMask.ALL);
        case PERSONALIZED_RANKING -> model.rank(UserQuery.anonymous(history), everything);
        case RELATED_ITEMS -> history.length() == 0
            ? Ranking.unscored(new int[0])
            : model.related(history.item(history.length() - 1), OfflineMetrics.DEPTH, ItemMask.ALL);
        case USER_SEGMENTATION -> throw new IllegalArgumentException(model.recipe() + " is evaluated by SegmentEvaluation");
        case PERSONALIZED_ACTIONS -> throw new IllegalArgumentException(model.recipe() + " is evaluated by ActionEvaluation");
      };
    }

    /** The ranking's first {@link OfflineMetrics#DEPTH} items in the data's indices; items the data lacks are left out. */
    private int[] toData(Ranking ranking) {
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
    }
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
