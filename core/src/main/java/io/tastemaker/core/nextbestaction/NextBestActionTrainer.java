package io.tastemaker.core.nextbestaction;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains aws-next-best-action: a logistic model of whether a user takes an action within the
 * action optimization period after being shown it (or takes it unprompted), whose user side is the
 * user's context: the items they interacted with and the other actions they took, as low-rank
 * embeddings learnt together with each action's weights (a factorization machine restricted to
 * user-context x action pairs, Rendle, ICDM 2010). Users without action interactions are scored
 * from their items alone, as the guide says the recipe uses "interactions with actions and items".
 *
 * <p>An action is scored only after at least {@link #MIN_EVENTS} Taken and {@link #MIN_EVENTS}
 * Not Taken or Viewed interactions within six weeks of the newest one, as the guide documents;
 * the others score 0.0.
 */
public final class NextBestActionTrainer implements Trainer {
  /** The guide's minimum of interactions of each kind before an action gets a score. */
  public static final int MIN_EVENTS = 50;
  /** The window those interactions must fall in, back from the newest action interaction. */
  static final long SCORING_WINDOW = 42 * 86_400L;
  /** Most items of a user's history that make up their context: the newest ones. */
  static final int MAX_CONTEXT_ITEMS = 50;

  private final String recipe;

  public NextBestActionTrainer(String recipe) {
    this.recipe = recipe;
  }

  /** One training example: a user (index), an action, whether it was taken. */
  private record Example(int user, int action, boolean taken) {}

  @Override
  public NextBestActionModel train(TrainingInput input, TrainingMonitor monitor) {
    NextBestActionConfig config = NextBestActionConfig.of(input.hyperparameters());
    ActionCatalog catalog = input.actions().catalog();
    if (catalog.size() == 0) {
      throw new DataRequirementException(
          "Create failed. " + recipe + " needs an Actions dataset with at least one action (import one or use PutActions).");
    }
    ActionEvents events = input.actions().events();
    InteractionData data = input.interactions();
    int d = config.dimension();
    int actions = catalog.size();

    // Users: everyone with item interactions or action interactions.
    List<String> userIds = new ArrayList<>(data.userIds());
    Map<String, Integer> userIndex = new HashMap<>();
    for (int u = 0; u < userIds.size(); u++) {
      userIndex.put(userIds.get(u), u);
    }
    Map<String, List<ActionEvents.Event>> byUser = events.byUser();
    for (String user : byUser.keySet().stream().sorted().toList()) {
      userIndex.computeIfAbsent(user, k -> {
        userIds.add(k);
        return userIds.size() - 1;
      });
    }
    int users = userIds.size();
    int[] itemOffsets = new int[users + 1];
    List<int[]> histories = new ArrayList<>(users);
    for (int u = 0; u < users; u++) {
      int[] items = u < data.userCount() ? data.itemsOf(u) : new int[0];
      int[] context = Arrays.copyOfRange(items, Math.max(0, items.length - MAX_CONTEXT_ITEMS), items.length);
      histories.add(context);
      itemOffsets[u + 1] = itemOffsets[u] + context.length;
    }
    int[] userItems = new int[itemOffsets[users]];
    for (int u = 0; u < users; u++) {
      System.arraycopy(histories.get(u), 0, userItems, itemOffsets[u], histories.get(u).length);
    }

    // Examples, each user's taken actions, and the counts that decide which actions are scored.
    List<Example> examples = new ArrayList<>();
    int[] takenOffsets = new int[users + 1];
    List<int[]> takenLists = new ArrayList<>(users);
    List<long[]> takenTimeLists = new ArrayList<>(users);
    int[] recentTaken = new int[actions];
    int[] recentOther = new int[actions];
    long end = events.latest();
    for (int u = 0; u < users; u++) {
      List<ActionEvents.Event> own = byUser.getOrDefault(userIds.get(u), List.of());
      long[] lastTaken = new long[actions];
      Arrays.fill(lastTaken, Long.MIN_VALUE);
      long[] openExposure = new long[actions];
      Arrays.fill(openExposure, Long.MIN_VALUE);
      for (ActionEvents.Event e : own) {
        int a = e.action();
        boolean recent = e.timestamp() >= end - SCORING_WINDOW;
        switch (e.type()) {
          case TAKEN -> {
            recentTaken[a] += recent ? 1 : 0;
            lastTaken[a] = Math.max(lastTaken[a], e.timestamp());
            examples.add(new Example(u, a, true));
            openExposure[a] = Long.MIN_VALUE;
          }
          case VIEWED -> {
            recentOther[a] += recent ? 1 : 0;
            if (openExposure[a] == Long.MIN_VALUE) {
              openExposure[a] = e.timestamp();
            }
          }
          case NOT_TAKEN -> {
            recentOther[a] += recent ? 1 : 0;
            examples.add(new Example(u, a, false));
            openExposure[a] = Long.MIN_VALUE;
          }
        }
      }
      // A view with no choice after it counts as not taken once its optimization period is over.
      for (int a = 0; a < actions; a++) {
        if (openExposure[a] != Long.MIN_VALUE && openExposure[a] + config.periodSeconds() <= end) {
          examples.add(new Example(u, a, false));
        }
      }
      int count = 0;
      for (long t : lastTaken) {
        count += t != Long.MIN_VALUE ? 1 : 0;
      }
      int[] list = new int[count];
      long[] times = new long[count];
      for (int a = 0, k = 0; a < actions; a++) {
        if (lastTaken[a] != Long.MIN_VALUE) {
          list[k] = a;
          times[k++] = lastTaken[a];
        }
      }
      takenLists.add(list);
      takenTimeLists.add(times);
      takenOffsets[u + 1] = takenOffsets[u] + count;
    }
    int[] takenActions = new int[takenOffsets[users]];
    long[] takenTimes = new long[takenOffsets[users]];
    for (int u = 0; u < users; u++) {
      System.arraycopy(takenLists.get(u), 0, takenActions, takenOffsets[u], takenLists.get(u).length);
      System.arraycopy(takenTimeLists.get(u), 0, takenTimes, takenOffsets[u], takenTimeLists.get(u).length);
    }
    boolean[] scored = new boolean[actions];
    for (int a = 0; a < actions; a++) {
      scored[a] = recentTaken[a] >= MIN_EVENTS && recentOther[a] >= MIN_EVENTS;
    }

    // Parameters: biases start at each action's smoothed take rate, embeddings small and seeded.
    SplittableRandom random = new SplittableRandom(config.seed());
    double[] bias = new double[actions];
    int[] positives = new int[actions];
    int[] totals = new int[actions];
    for (Example e : examples) {
      positives[e.action()] += e.taken() ? 1 : 0;
      totals[e.action()]++;
    }
    for (int a = 0; a < actions; a++) {
      double rate = (positives[a] + 0.5) / (totals[a] + 1.0);
      bias[a] = Math.log(rate / (1 - rate));
    }
    float[] weights = gaussian(random, actions * d, 0.1);
    float[] actionEmbeddings = gaussian(random, actions * d, 0.1);
    float[] itemEmbeddings = gaussian(random, data.itemCount() * d, 0.1);

    int[] order = new int[examples.size()];
    Arrays.setAll(order, i -> i);
    float[] context = new float[d];
    float[] gradContext = new float[d];
    double reg = config.regularization();
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      monitor.checkStop();
      shuffle(order, random);
      double lr = config.learningRate() * (1.0 - 0.9 * epoch / config.epochs());
      for (int index : order) {
        Example e = examples.get(index);
        int u = e.user();
        int a = e.action();
        int itemCount = itemOffsets[u + 1] - itemOffsets[u];
        int takenCount = 0;
        for (int t = takenOffsets[u]; t < takenOffsets[u + 1]; t++) {
          takenCount += takenActions[t] != a ? 1 : 0;
        }
        Arrays.fill(context, 0f);
        for (int i = itemOffsets[u]; i < itemOffsets[u + 1]; i++) {
          int base = userItems[i] * d;
          for (int k = 0; k < d; k++) {
            context[k] += itemEmbeddings[base + k] / itemCount;
          }
        }
        for (int t = takenOffsets[u]; t < takenOffsets[u + 1]; t++) {
          if (takenActions[t] != a) {
            int base = takenActions[t] * d;
            for (int k = 0; k < d; k++) {
              context[k] += actionEmbeddings[base + k] / takenCount;
            }
          }
        }
        double s = bias[a];
        for (int k = 0; k < d; k++) {
          s += weights[a * d + k] * context[k];
        }
        double g = sigmoid(s) - (e.taken() ? 1 : 0);
        bias[a] -= lr * g;
        for (int k = 0; k < d; k++) {
          float w = weights[a * d + k];
          gradContext[k] = (float) (g * w);
          weights[a * d + k] = (float) (w - lr * (g * context[k] + reg * w));
        }
        for (int i = itemOffsets[u]; i < itemOffsets[u + 1]; i++) {
          int base = userItems[i] * d;
          for (int k = 0; k < d; k++) {
            itemEmbeddings[base + k] -= (float) (lr * (gradContext[k] / itemCount + reg * itemEmbeddings[base + k]));
          }
        }
        for (int t = takenOffsets[u]; t < takenOffsets[u + 1]; t++) {
          if (takenActions[t] != a) {
            int base = takenActions[t] * d;
            for (int k = 0; k < d; k++) {
              actionEmbeddings[base + k] -= (float) (lr * (gradContext[k] / takenCount + reg * actionEmbeddings[base + k]));
            }
          }
        }
      }
      monitor.progress((epoch + 1.0) / config.epochs(), "epoch " + (epoch + 1) + " of " + config.epochs() + " over " + examples.size() + " action examples");
    }
    return new NextBestActionModel(
        recipe, catalog, scored, d, bias, weights, actionEmbeddings, data.itemIds(), itemEmbeddings, userIds, itemOffsets, userItems, takenOffsets, takenActions,
        takenTimes);
  }

  static double sigmoid(double s) {
    return 1.0 / (1.0 + Math.exp(-s));
  }

  private static float[] gaussian(SplittableRandom random, int n, double scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller from the seeded source.
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      out[i] = (float) (scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return out;
  }

  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
