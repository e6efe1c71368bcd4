package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.EpochChoice;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
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
  /** The share of warm items whose own embedding each coldstart batch leaves out. */
  static final float ID_DROPOUT = 0.2f;

  private final String recipe;
  private final RecipeType type;
  private final boolean metadata;
  private final boolean coldstart;
  /** Steps only the table rows each batch touched (lazy Adam); dense steps are for comparison in tests. */
  private final boolean sparseUpdates;

  public HrnnTrainer(String recipe, RecipeType type) {
    this(recipe, type, false, false);
  }

  /**
   * @param metadata learn from item, user and interaction-context metadata (aws-hrnn-metadata,
   *     aws-hrnn-coldstart, aws-personalized-ranking)
   * @param coldstart give cold items vectors from their metadata alone (aws-hrnn-coldstart)
   */
  public HrnnTrainer(String recipe, RecipeType type, boolean metadata, boolean coldstart) {
    this(recipe, type, metadata, coldstart, true);
  }

  private HrnnTrainer(String recipe, RecipeType type, boolean metadata, boolean coldstart, boolean sparseUpdates) {
    this.sparseUpdates = sparseUpdates;
    this.recipe = recipe;
    this.type = type;
    this.metadata = metadata;
    this.coldstart = coldstart;
  }

  /** This trainer stepping every row of every table each batch, as before sparse updates (for comparisons). */
  public HrnnTrainer withDenseUpdates() {
    return new HrnnTrainer(recipe, type, metadata, coldstart, false);
  }

  @Override
  public Recommender train(TrainingInput input, TrainingMonitor monitor) {
    HrnnConfig config = HrnnConfig.from(input.hyperparameters());
    InteractionData data = input.interactions();
    ItemCatalogBuilder catalogue = ItemCatalogBuilder.of(input, metadata, coldstart);
    Metadata users = metadata ? input.users() : Metadata.EMPTY;
    Map<String, int[]> userFeatures = new HashMap<>();
    for (String id : users.ids()) {
      userFeatures.put(id, users.featuresOf(id).orElseThrow());
    }
    List<String> contextVocabulary = metadata ? data.contexts().vocabulary() : List.of();
    HrnnWeights best = fitted(input, config, catalogue, users, userFeatures, contextVocabulary.size(), monitor);
    if (coldstart) {
      coldBias(best, catalogue.cold);
    }
    float[][] vectors = Matrices.copy(new ItemTable(catalogue.features, catalogue.cold, 0f).compute(best, null));
    return HrnnModel.withUsers(
        recipe, type, catalogue.ids, best, vectors, catalogue.cold, config.sessionGapSeconds(), config.maxSequenceLength(),
        metadata ? input.items().vocabulary() : List.of(), users.vocabulary(), userFeatures, contextVocabulary, data);
  }

  /**
   * The weights of the best epoch. The training sequences, the weights as the last epoch left them and
   * the optimiser's moments all stay in here, garbage once it returns: the known users' states are
   * computed after, and at 435k items the working weights and moments are hundreds of megabytes.
   */
  private HrnnWeights fitted(
      TrainingInput input, HrnnConfig config, ItemCatalogBuilder catalogue, Metadata users, Map<String, int[]> userFeatures, int contexts,
      TrainingMonitor monitor) {
    InteractionData data = input.interactions();
    Sequences sequences = Sequences.of(data, config);
    int[][] sequenceFeatures = new int[metadata ? sequences.size() : 0][];
    for (int s = 0; s < sequenceFeatures.length; s++) {
      sequenceFeatures[s] = userFeatures.getOrDefault(data.userId(sequences.users[s]), new int[0]);
    }
    int itemFeatureCount = metadata ? input.items().vocabulary().size() : 0;
    HrnnWeights weights = new HrnnWeights(catalogue.ids.size(), config.hidden(), itemFeatureCount, users.vocabulary().size(), contexts);
    weights.initialise(new SplittableRandom(config.seed()));
    ItemTable table = new ItemTable(catalogue.features, catalogue.cold, coldstart ? ID_DROPOUT : 0f);
    return fit(weights, table, sequenceFeatures, sequences, config, monitor);
  }

  private HrnnWeights fit(HrnnWeights w, ItemTable table, int[][] userFeatures, Sequences sequences, HrnnConfig config, TrainingMonitor monitor) {
    int threads = Math.max(1, Math.min(config.effectiveThreads(), config.batchSize()));
    int lanes = config.batchSize();
    Chunk chunk = new Chunk(config.bptt(), lanes);
    LaneBatcher batcher = new LaneBatcher(sequences, lanes, config.sessionBreakRate());
    int median = sequences.medianLength();
    float dropout = (float) config.dropoutFor(median);
    if (config.dropout() < 0) {
      monitor.progress(0, String.format("dropout %.2f (auto: the median training sequence has %d interactions)", dropout, median));
    }
    List<ChunkWorker> workers = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      int from = k * lanes / threads;
      int to = (k + 1) * lanes / threads;
      workers.add(new ChunkWorker(w, to - from, from, config.bptt(), dropout));
    }
    boolean full = w.items <= config.fullSoftmaxMaxItems();
    Candidates everything = full ? Candidates.all(w.items) : null;
    Candidates.Sampler sampler = full ? null : new Candidates.Sampler(sequences.targetCounts, config.negatives());
    GradientStep update = new GradientStep(w, workers, sparseUpdates, (float) config.itemWeightDecay());
    ChunkWorker.Transposed transposed = new ChunkWorker.Transposed(w.dim);
    Validation validation = new Validation(sequences, config.sessionGapSeconds());
    if (sampler != null && w.items > sequences.targetCounts.length) {
      sampler = new Candidates.Sampler(java.util.Arrays.copyOf(sequences.targetCounts, w.items), config.negatives());
    }
    HrnnWeights best = null;
    EpochChoice choice = new EpochChoice(config.patience());
    long batchesPerEpoch = Math.max(1, sequences.positions() / ((long) lanes * config.bptt()));
    long totalBatches = batchesPerEpoch * config.epochs();
    long step = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hrnn-train");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        long started = System.nanoTime();
        batcher.start(order(sequences.size(), config.seed() + epoch), mix(config.seed(), epoch, 11));
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
          float[][] items = table.compute(w, new SplittableRandom(mix(seed, 3, 5)));
          float scale = (float) (1 / total);
          List<Future<Double>> results = new ArrayList<>();
          for (int k = 0; k < threads; k++) {
            ChunkWorker worker = workers.get(k);
            SplittableRandom random = new SplittableRandom(mix(seed, k, 17));
            results.add(pool.submit(() -> worker.train(w, items, userFeatures, sequences.contextTable, transposed, chunk, candidates, scale, random)));
          }
          for (Future<Double> f : results) {
            loss += f.get() * total;
          }
          weightSum += total;
          double progress = Math.min(1.0, (double) step++ / totalBatches);
          double rate = config.linearDecay() ? config.learningRate() * (1 - 0.95 * progress) : config.learningRate();
          update.apply(w, table, (float) rate);
          batch++;
          monitor.checkStop();
        }
        double trained = (System.nanoTime() - started) / 1e9;
        // Without held-out users there is nothing to choose by: the last epoch is kept. The first is
        // kept whatever it scored (a NaN mean is never a best), so there is always a model.
        double[] scores = validation.chooses() ? validation.ndcgAt10(w, table.compute(w, null), userFeatures) : null;
        boolean kept = scores == null || choice.keep(scores) || best == null;
        String scored = scores != null
            ? String.format("validation NDCG@10 %.4f%s (%.1f s + %.1f s validation)", EpochChoice.mean(scores), kept ? ", kept" : "", trained,
                (System.nanoTime() - started) / 1e9 - trained)
            : String.format("no validation users (%.1f s)", trained);
        monitor.progress((epoch + 1.0) / config.epochs(), String.format("epoch %d: loss %.4f, %s", epoch + 1, loss / Math.max(1e-9, weightSum), scored));
        if (kept) {
          best = w.copy();
        }
        if (scores != null && choice.stop()) {
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

  /**
   * Gives cold items the mean output bias of warm items: in training they were mostly negatives, and
   * their own bias learned only that, not how likely a new item is to be chosen.
   */
  private static void coldBias(HrnnWeights w, boolean[] cold) {
    double sum = 0;
    int warm = 0;
    for (int i = 0; i < w.items; i++) {
      if (!cold[i]) {
        sum += w.outputBias[0][i];
        warm++;
      }
    }
    float mean = warm == 0 ? 0f : (float) (sum / warm);
    for (int i = 0; i < w.items; i++) {
      if (cold[i]) {
        w.outputBias[0][i] = mean;
      }
    }
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
