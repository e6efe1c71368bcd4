package io.tastemaker.core.affinity;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Trains the affinity recipes: a multinomial factor model, each user's interactions read as draws
 * from a softmax over the catalogue, {@code p(i | u) = softmax_i(x_u . w_i + b_i)}, fitted by
 * maximum likelihood (the multinomial likelihood of Liang et al., "Variational Autoencoders for
 * Collaborative Filtering", WWW 2018, with a free vector per user in place of their encoder).
 * An item's vector is its own embedding plus the mean of the vectors of its Items metadata values
 * ({@code GENRES=Comedy}), so items that share an attribute share strength, as in the HRNN
 * metadata recipes.
 *
 * <p>Stochastic gradient descent, one user at a time in a seeded order: the user's loss is the mean
 * negative log-likelihood of their interactions, whose gradient at the logits is {@code p - c/n}
 * (c the user's counts per item, n their total); the item biases start at the log popularity.
 * One user costs O(items x dimension), so an epoch is O(users x items x dimension): the model is
 * meant for catalogues up to some tens of thousands of items.
 */
public final class AffinityTrainer implements Trainer {
  private final String recipe;

  public AffinityTrainer(String recipe) {
    this.recipe = recipe;
  }

  public String recipe() {
    return recipe;
  }

  @Override
  public AffinityModel train(TrainingInput input, TrainingMonitor monitor) {
    AffinityConfig config = AffinityConfig.of(input.hyperparameters());
    if (recipe.equals(RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY) && input.items().isEmpty()) {
      throw new DataRequirementException(
          "Create failed. " + recipe + " learns from the categorical fields of an Items dataset, and the dataset group has none with imported data.");
    }
    InteractionData data = input.interactions();
    int users = data.userCount();
    int items = data.itemCount();
    int d = config.dimension();
    int[][] features = features(data, input.items());
    int featureCount = Arrays.stream(features).flatMapToInt(Arrays::stream).max().orElse(-1) + 1;

    SplittableRandom random = new SplittableRandom(config.seed());
    float[] x = gaussian(users * d, 0.1, random);
    float[] v = gaussian(items * d, 0.1, random);
    float[] f = gaussian(featureCount * d, 0.1, random);
    float[] bias = logPopularity(data);
    float[] w = new float[items * d];
    float[] logits = new float[items];
    double[] g = new double[items];
    float[] gradX = new float[d];
    double[] featureGradient = new double[featureCount];
    int[] order = new int[users];
    Arrays.setAll(order, u -> u);
    float lr = (float) config.learningRate();
    float decay = (float) (1 - config.learningRate() * config.regularization());

    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      monitor.checkStop();
      shuffle(order, random);
      combine(v, f, features, w, d);
      for (int step = 0; step < users; step++) {
        int u = order[step];
        int xFrom = u * d;
        int n = data.historyLength(u);
        if (n == 0) {
          continue;
        }
        for (int i = 0; i < items; i++) {
          logits[i] = (float) (AffinityModel.dot(x, xFrom, w, i * d, d) + bias[i]);
        }
        double logZ = AffinityModel.logSumExp(logits);
        for (int i = 0; i < items; i++) {
          g[i] = Math.exp(logits[i] - logZ);
        }
        for (int k = data.start(u); k < data.end(u); k++) {
          g[data.item(k)] -= 1.0 / n;
        }
        Arrays.fill(gradX, 0);
        for (int i = 0; i < items; i++) {
          float gi = (float) g[i];
          int from = i * d;
          for (int c = 0; c < d; c++) {
            gradX[c] += gi * w[from + c];
          }
        }
        Arrays.fill(featureGradient, 0);
        for (int i = 0; i < items; i++) {
          float step0 = (float) (lr * g[i]);
          int from = i * d;
          for (int c = 0; c < d; c++) {
            v[from + c] = decay * v[from + c] - step0 * x[xFrom + c];
          }
          bias[i] -= step0;
          for (int feature : features[i]) {
            featureGradient[feature] += g[i] / features[i].length;
          }
        }
        for (int feature = 0; feature < featureCount; feature++) {
          if (featureGradient[feature] != 0) {
            float step0 = (float) (lr * featureGradient[feature]);
            int from = feature * d;
            for (int c = 0; c < d; c++) {
              f[from + c] = decay * f[from + c] - step0 * x[xFrom + c];
            }
          }
        }
        for (int c = 0; c < d; c++) {
          x[xFrom + c] = decay * x[xFrom + c] - lr * gradX[c];
        }
        combine(v, f, features, w, d);
        if ((step & 255) == 0) {
          monitor.progress((epoch + (double) step / users) / config.epochs(), "epoch " + (epoch + 1) + " of " + config.epochs());
        }
      }
    }
    combine(v, f, features, w, d);
    int[] activity = new int[users];
    Arrays.setAll(activity, data::historyLength);
    return new AffinityModel(recipe, data.itemIds(), data.userIds(), d, x, w, bias, activity);
  }

  /** Each item's metadata feature indices, renumbered densely over the items of the data. */
  private static int[][] features(InteractionData data, Metadata metadata) {
    int[][] features = new int[data.itemCount()][];
    int[] dense = new int[metadata.vocabulary().size()];
    Arrays.fill(dense, -1);
    int next = 0;
    for (int i = 0; i < features.length; i++) {
      Optional<int[]> own = metadata.featuresOf(data.itemId(i));
      int[] mapped = own.orElse(new int[0]);
      for (int k = 0; k < mapped.length; k++) {
        if (dense[mapped[k]] < 0) {
          dense[mapped[k]] = next++;
        }
        mapped[k] = dense[mapped[k]];
      }
      features[i] = mapped;
    }
    return features;
  }

  /** Item vectors: own embedding plus the mean of the item's feature vectors. */
  private static void combine(float[] v, float[] f, int[][] features, float[] w, int d) {
    System.arraycopy(v, 0, w, 0, v.length);
    for (int i = 0; i < features.length; i++) {
      int n = features[i].length;
      if (n == 0) {
        continue;
      }
      float share = 1f / n;
      int to = i * d;
      for (int feature : features[i]) {
        int from = feature * d;
        for (int c = 0; c < d; c++) {
          w[to + c] += share * f[from + c];
        }
      }
    }
  }

  /** The log of each item's share of the interactions, the maximum-likelihood biases of a model without users. */
  private static float[] logPopularity(InteractionData data) {
    double[] counts = new double[data.itemCount()];
    for (int k = 0; k < data.size(); k++) {
      counts[data.item(k)]++;
    }
    float[] bias = new float[counts.length];
    for (int i = 0; i < counts.length; i++) {
      bias[i] = (float) Math.log(Math.max(counts[i], 0.5) / Math.max(1, data.size()));
    }
    return bias;
  }

  private static float[] gaussian(int n, double sd, SplittableRandom random) {
    float[] values = new float[n];
    for (int k = 0; k < n; k++) {
      // Box-Muller from the seeded stream, so the same seed gives the same model on any JVM.
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      values[k] = (float) (sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return values;
  }

  private static void shuffle(int[] order, SplittableRandom random) {
    for (int k = order.length - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
  }
}
