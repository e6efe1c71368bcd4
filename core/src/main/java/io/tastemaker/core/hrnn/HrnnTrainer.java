package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.kernel.Adam;
import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the hierarchical recurrent network of aws-hrnn and aws-personalized-ranking (Quadrana et
 * al., "Personalizing Session-based Recommendations with Hierarchical Recurrent Neural Networks",
 * RecSys 2017) with softmax cross-entropy: over every item for small catalogues, sampled by
 * popularity with the log-frequency correction for large ones.
 *
 * <p>Users are read side by side in lanes, {@code bptt} steps at a time; the lanes are split among
 * threads that each compute their own gradients, which are summed before every Adam step, so a run
 * is reproducible from its seed whatever the scheduling. The epoch that scores best on held-out
 * users' last items is the one kept.
 */
public final class HrnnTrainer implements Trainer {
  private final String recipe;
  private final RecipeType type;

  public HrnnTrainer(String recipe, RecipeType type) {
    this.recipe = recipe;
    this.type = type;
  }

  @Override
  public Recommender train(TrainingInput input, TrainingMonitor monitor) {
    HrnnConfig config = HrnnConfig.from(input.hyperparameters());
    InteractionData data = input.interactions();
    Sequences sequences = Sequences.of(data, config);
    HrnnWeights weights = new HrnnWeights(data.itemCount(), config.hidden());
    weights.initialise(new SplittableRandom(config.seed()));
    HrnnWeights best = fit(weights, sequences, config, monitor);
    return model(best, data, config);
  }

  private HrnnWeights fit(HrnnWeights w, Sequences sequences, HrnnConfig config, TrainingMonitor monitor) {
    int threads = Math.max(1, Math.min(config.effectiveThreads(), config.batchSize()));
    int lanes = config.batchSize();
    Chunk chunk = new Chunk(config.bptt(), lanes);
    LaneBatcher batcher = new LaneBatcher(sequences, lanes);
    List<ChunkWorker> workers = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      int from = k * lanes / threads;
      int to = (k + 1) * lanes / threads;
      workers.add(new ChunkWorker(w, to - from, from, config.bptt(), (float) config.dropout()));
    }
    boolean full = w.items <= config.fullSoftmaxMaxItems();
    Candidates everything = full ? Candidates.all(w.items) : null;
    Candidates.Sampler sampler = full ? null : new Candidates.Sampler(sequences.targetCounts, config.negatives());
    Adam adam = new Adam(w.tensors(), 0.9f, 0.999f, 1e-8f);
    ChunkWorker.Transposed transposed = new ChunkWorker.Transposed(w.dim);
    Validation validation = new Validation(sequences, config.sessionGapSeconds());
    HrnnWeights best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int worse = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hrnn-train");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        long started = System.nanoTime();
        batcher.start(order(sequences.size(), config.seed() + epoch));
        workers.forEach(ChunkWorker::resetLanes);
        long batch = 0;
        double loss = 0;
        double weightSum = 0;
        while (batcher.fill(chunk)) {
          double total = chunk.totalWeight();
          if (total == 0) {
            continue;
          }
          long seed = mix(config.seed(), epoch, batch);
          Candidates candidates = full ? everything : sampler.draw(new SplittableRandom(seed));
          transposed.update(w);
          float scale = (float) (1 / total);
          List<Future<Double>> results = new ArrayList<>();
          for (int k = 0; k < threads; k++) {
            ChunkWorker worker = workers.get(k);
            SplittableRandom random = new SplittableRandom(mix(seed, k, 17));
            results.add(pool.submit(() -> worker.train(w, transposed, chunk, candidates, scale, random)));
          }
          for (Future<Double> f : results) {
            loss += f.get() * total;
          }
          weightSum += total;
          List<float[][]> gradients = workers.get(0).gradients;
          for (int k = 1; k < threads; k++) {
            List<float[][]> other = workers.get(k).gradients;
            for (int t = 0; t < gradients.size(); t++) {
              Matrices.add(gradients.get(t), other.get(t));
            }
          }
          adam.step(gradients, (float) config.learningRate());
          workers.forEach(ChunkWorker::clearGradients);
          batch++;
          monitor.checkStop();
        }
        double trained = (System.nanoTime() - started) / 1e9;
        double score = validation.ndcgAt10(w);
        monitor.progress(
            (epoch + 1.0) / config.epochs(),
            String.format("epoch %d: loss %.4f, validation NDCG@10 %.4f (%.1f s + %.1f s validation)", epoch + 1, loss / Math.max(1e-9, weightSum), score, trained,
                (System.nanoTime() - started) / 1e9 - trained));
        if (score > bestScore || best == null) {
          bestScore = score;
          best = w.copy();
          worse = 0;
        } else if (config.patience() > 0 && ++worse >= config.patience()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("training was interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return best;
  }

  /** The final model: each user's state after their whole (truncated) history. */
  private HrnnModel model(HrnnWeights w, InteractionData data, HrnnConfig config) {
    HrnnInference inference = new HrnnInference(w, config.sessionGapSeconds());
    int users = data.userCount();
    float[][] h = new float[users][];
    float[][] c = new float[users][];
    long[] time = new long[users];
    for (int u = 0; u < users; u++) {
      UserState s = new UserState(w.dim);
      int from = Math.max(data.start(u), data.end(u) - config.maxSequenceLength());
      for (int i = from; i < data.end(u); i++) {
        inference.advance(s, data.item(i), data.timestamp(i));
      }
      h[u] = s.h;
      c[u] = s.c;
      time[u] = s.lastTime;
    }
    long[] counts = new long[data.itemCount()];
    for (int i = 0; i < data.size(); i++) {
      counts[data.item(i)]++;
    }
    return new HrnnModel(recipe, type, data.itemIds(), w, config.sessionGapSeconds(), counts, data.userIds(), h, c, time);
  }

  private static int[] order(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static long mix(long a, long b, long c) {
    long h = a * 0x9E3779B97F4A7C15L + b;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
    return h ^ (h >>> 29);
  }
}
