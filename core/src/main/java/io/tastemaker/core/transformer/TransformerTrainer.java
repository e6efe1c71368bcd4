package io.tastemaker.core.transformer;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.kernel.Adam;
import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.EpochChoice;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the causal self-attention model of aws-user-personalization-v2 and
 * aws-personalized-ranking-v2 with softmax cross-entropy over the next item at every position
 * (over every item up to {@code full_softmax_max_items}, else sampled with the log-Q correction);
 * for the first {@value #TARGET_WINDOW_EPOCHS} epochs the target also spreads over the items after
 * the next one ({@code target_window}), with a weight that falls to nothing.
 *
 * <p>A step's sequences are split into {@value #SHARDS} fixed shards whose gradients are summed in
 * shard order, so a seed gives the same model whatever the number of threads. Unless told
 * otherwise, a slice of users' last items is held out, the latest epoch whose NDCG@10 on them (over
 * the catalogue) is not significantly below the best one's is kept ({@code EpochChoice}) and
 * training stops after {@code early_stopping_patience} epochs without a better one, so small, sparse
 * data does not overfit.
 */
public final class TransformerTrainer implements Trainer {
  static final int SHARDS = 2;
  /**
   * The share of positions the full softmax scores (a random half, each weighing double): the
   * softmax over the catalogue is most of a step's arithmetic, and neighbouring positions of a
   * sequence teach much the same, so half of them give more learning per CPU second.
   */
  static final double FULL_SOFTMAX_SHARE = 0.5;

  /**
   * Epochs over which the later items of a target window hand over to the next item alone (or the
   * planned epochs if fewer): they teach a user's broader taste early, and the model ends on the
   * next-item objective it is served and measured on. A fixed span, since early stopping ends a run
   * before the planned epochs on small data.
   */
  static final int TARGET_WINDOW_EPOCHS = 5;

  private final String recipe;
  private final RecipeType type;
  /** Whether the model may carry a transition expert (the v2 recipes' own models do). */
  private final boolean transitions;

  public TransformerTrainer(String recipe, RecipeType type) {
    this(recipe, type, true);
  }

  /**
   * A trainer whose models carry no transition expert where {@code transitions} is false:
   * aws-user-personalization's second opinion, whose GRU already reads the newest item first.
   */
  public TransformerTrainer(String recipe, RecipeType type, boolean transitions) {
    this.recipe = recipe;
    this.type = type;
    this.transitions = transitions;
  }

  @Override
  public Recommender train(TrainingInput input, TrainingMonitor monitor) {
    InteractionData data = input.interactions();
    TransformerConfig config = TransformerConfig.from(input.hyperparameters()).resolve(UserSequences.trainableLengths(data), data.itemCount());
    UserSequences sequences = UserSequences.of(data, config);
    List<String> itemIds = data.itemIds();
    Metadata items = input.items();
    int[][] itemFeatures = new int[itemIds.size()][];
    for (int i = 0; i < itemFeatures.length; i++) {
      itemFeatures[i] = items.featuresOf(itemIds.get(i)).orElse(new int[0]);
    }
    Metadata users = input.users();
    Map<String, int[]> userFeatures = new HashMap<>();
    for (String id : users.ids()) {
      userFeatures.put(id, users.featuresOf(id).orElseThrow());
    }
    int[][] sequenceFeatures = new int[users.isEmpty() ? 0 : sequences.size()][];
    for (int s = 0; s < sequenceFeatures.length; s++) {
      sequenceFeatures[s] = userFeatures.getOrDefault(data.userId(sequences.users[s]), new int[0]);
    }
    TransformerWeights w =
        new TransformerWeights(
            itemIds.size(), config.hidden(), config.blocks(), config.maxSequenceLength(), items.vocabulary().size(), users.vocabulary().size(),
            sequences.contextFeatureCount());
    w.initialise(new SplittableRandom(config.seed()));
    // Item vectors start from the data's co-occurrences, the random start's size: the first epochs learn the sequence, not which items go together.
    long started = System.nanoTime();
    CooccurrenceStart.apply(sequences.items, w.itemEmbedding, Math.sqrt(1.0 / config.hidden()) / Math.sqrt(3), config.seed());
    monitor.progress(0, String.format("item vectors started from co-occurrences in %.1f s", (System.nanoTime() - started) / 1e9));
    if (itemIds.size() <= config.fullSoftmaxMaxItems()) {
      // Only under the full softmax: with sampled negatives and the log-Q correction it stopped early at a worse held-out score.
      startAtPopularity(w, sequences.targetCounts);
    }
    TransformerWeights best = fit(w, itemFeatures, sequenceFeatures, sequences, config, monitor);
    TransitionBias transitions = this.transitions ? transitions(best, itemFeatures, sequenceFeatures, sequences, data, monitor) : TransitionBias.NONE;
    List<String> contextVocabulary = sequences.contextFeatureCount() == 0 ? List.of() : data.contexts().vocabulary();
    return TransformerModel.withUsers(
        recipe, type, itemIds, best, itemFeatures, new TransformerModel.Vocabularies(items.vocabulary(), users.vocabulary(), contextVocabulary), userFeatures, data,
        transitions);
  }

  /**
   * The transition expert for the trained network: the consecutive pairs of every user's history,
   * with the weight and share the held-out users choose (none where there are none, or where the
   * chain does not help them).
   */
  private static TransitionBias transitions(
      TransformerWeights w, int[][] itemFeatures, int[][] userFeatures, UserSequences sequences, InteractionData data, TrainingMonitor monitor) {
    Validation validation = new Validation(sequences, userFeatures.length == 0 ? null : userFeatures);
    if (!validation.chooses()) {
      return TransitionBias.NONE;
    }
    long started = System.nanoTime();
    TransitionBias.Counts counts = TransitionBias.count(TransitionBias.histories(data, sequences.validationUsers), w.items);
    Validation.TransitionChoice choice = validation.chooseTransitions(w, new Encoder(w, itemFeatures), counts);
    monitor.progress(1, String.format("transitions: weight %.1f, share %.1f, validation NDCG@10 %.4f against %.4f without (%.1f s)",
        choice.weight(), choice.share(), choice.ndcg(), choice.ndcgWithout(), (System.nanoTime() - started) / 1e9));
    return counts.bias(choice.weight(), choice.share());
  }

  /** Output biases start at the log of each item's smoothed share of targets: the first step already ranks by popularity. */
  static void startAtPopularity(TransformerWeights w, long[] targetCounts) {
    double total = 0;
    for (long c : targetCounts) {
      total += c + 1;
    }
    for (int i = 0; i < w.items; i++) {
      w.outputBias[0][i] = (float) Math.log((targetCounts[i] + 1.0) / total);
    }
  }

  private TransformerWeights fit(
      TransformerWeights w, int[][] itemFeatures, int[][] userFeatures, UserSequences sequences, TransformerConfig config, TrainingMonitor monitor) {
    Encoder encoder = new Encoder(w, itemFeatures);
    List<ShardWorker> workers = new ArrayList<>();
    for (int k = 0; k < SHARDS; k++) {
      workers.add(new ShardWorker(w, encoder, userFeatures, config.targetWindow()));
    }
    boolean full = w.items <= config.fullSoftmaxMaxItems();
    NegativeSampler sampler = full ? null : new NegativeSampler(sequences.targetCounts, config.negatives());
    int[] everything = new int[w.items];
    Arrays.setAll(everything, i -> i);
    Adam adam = new Adam(w.dense(), 0.9f, 0.999f, 1e-8f);
    SparseAdam sparse = new SparseAdam(w.itemEmbedding, w.outputBias[0], (float) config.itemWeightDecay());
    Validation validation = new Validation(sequences, userFeatures.length == 0 ? null : userFeatures);
    int threads = Math.max(1, Math.min(config.effectiveThreads(), SHARDS));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "transformer-train");
      t.setDaemon(true);
      return t;
    });
    TransformerWeights best = null;
    EpochChoice choice = new EpochChoice(config.patience());
    long stepsPerEpoch = (sequences.size() + config.batchSize() - 1) / config.batchSize();
    long plannedSteps = stepsPerEpoch * config.epochs();
    long globalStep = 0;
    monitor.progress(0, String.format("%d epochs at most, %d users a step, learning rate %.4f%s, item weight decay %.2f, dropout %.2f, %d positions, %s softmax",
        config.epochs(), config.batchSize(), config.learningRate(), config.linearDecay() ? " falling linearly" : "", config.itemWeightDecay(), config.dropout(),
        config.maxSequenceLength(),
        full ? "full" : config.negatives() + "-sample"));
    try {
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        long started = System.nanoTime();
        int[] order = shuffled(sequences.size(), mix(config.seed(), epoch, 1));
        double loss = 0;
        double weightSum = 0;
        int steps = 0;
        for (int from = 0; from < order.length; from += config.batchSize()) {
          int first = from;
          int to = Math.min(order.length, from + config.batchSize());
          double total = 0;
          for (int b = from; b < to; b++) {
            for (float x : sequences.weights[order[b]]) {
              total += x;
            }
          }
          if (total == 0) {
            continue;
          }
          long seed = mix(config.seed(), epoch, 1000L + steps);
          encoder.refresh();
          double decay = windowDecay(config, globalStep, Math.min(plannedSteps, stepsPerEpoch * TARGET_WINDOW_EPOCHS));
          OutputLayer output =
              full
                  ? new OutputLayer(w, encoder, everything, null, decay)
                  : new OutputLayer(w, encoder, sampler.draw(new SplittableRandom(seed)), sampler.correction, decay);
          float scale = (float) (1 / total);
          List<Future<Double>> results = new ArrayList<>();
          for (int k = 0; k < SHARDS; k++) {
            int shard = k;
            int[] mine = java.util.stream.IntStream.range(first, to).filter(b -> (b - first) % SHARDS == shard).map(b -> order[b]).toArray();
            ShardWorker worker = workers.get(k);
            SplittableRandom random = new SplittableRandom(mix(seed, k, 17));
            results.add(pool.submit(() -> worker.train(sequences, mine, output, scale, (float) config.dropout(), full ? FULL_SOFTMAX_SHARE : 1, random)));
          }
          for (Future<Double> f : results) {
            loss += f.get() * total;
          }
          weightSum += total;
          apply(workers, itemFeatures, sparse);
          // learning_rate_schedule linear, as HRNN's: the rate falls to 5% by the last planned step.
          double rate = config.linearDecay() ? config.learningRate() * (1 - 0.95 * globalStep / plannedSteps) : config.learningRate();
          globalStep++;
          adam.step(workers.get(0).gradients.dense, (float) rate);
          sparse.step((float) rate);
          workers.forEach(worker -> worker.gradients.clear());
          steps++;
          monitor.checkStop();
        }
        double trained = (System.nanoTime() - started) / 1e9;
        String message;
        if (validation.chooses()) {
          encoder.refresh();
          double[] scores = validation.ndcgAt10(w, encoder);
          boolean kept = choice.keep(scores);
          if (kept) {
            best = w.copy();
          }
          message = String.format("epoch %d: loss %.4f, validation NDCG@10 %.4f%s (%.1f s)", epoch + 1, loss / Math.max(1e-9, weightSum),
              EpochChoice.mean(scores), kept ? ", kept" : "", trained);
          if (choice.stop()) {
            monitor.progress((epoch + 1.0) / config.epochs(), message + "; stopping, the best was " + String.format("%.4f", choice.bestMean()));
            break;
          }
        } else {
          message = String.format("epoch %d: loss %.4f (%.1f s)", epoch + 1, loss / Math.max(1e-9, weightSum), trained);
          best = w;
        }
        monitor.progress((epoch + 1.0) / config.epochs(), message);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("training was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return best == null ? w : best;
  }

  /** The weight of the target window's later items at this step: {@code target_window_decay} falling linearly to 0 over the given steps. */
  static double windowDecay(TransformerConfig config, long step, long steps) {
    return config.targetWindow() <= 1 ? 0 : config.targetWindowDecay() * Math.max(0, 1 - (double) step / Math.max(1, steps));
  }

  /** Sums the shards' gradients in shard order: dense ones into shard 0's, item rows into the sparse tables. */
  static void apply(List<ShardWorker> workers, int[][] itemFeatures, SparseAdam sparse) {
    Gradients first = workers.get(0).gradients;
    for (int k = 1; k < workers.size(); k++) {
      List<float[][]> other = workers.get(k).gradients.dense;
      for (int t = 0; t < other.size(); t++) {
        Matrices.add(first.dense.get(t), other.get(t));
      }
    }
    float[][] dFeatures = first.tensor(0);
    for (ShardWorker worker : workers) {
      Gradients g = worker.gradients;
      for (int r = 0; r < g.rows; r++) {
        int item = g.rowItems[r];
        float[] vector = g.rowVectors[r];
        sparse.add(item, vector, g.rowBiases[r]);
        int[] f = itemFeatures[item];
        for (int feature : f) {
          io.tastemaker.core.kernel.Vectors.axpy(1f / f.length, vector, dFeatures[feature], vector.length);
        }
      }
    }
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static long mix(long a, long b, long c) {
    long h = a * 0x9E3779B97F4A7C15L + b;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
    return h ^ (h >>> 29);
  }
}
