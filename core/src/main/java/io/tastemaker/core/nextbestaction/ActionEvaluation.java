package io.tastemaker.core.nextbestaction;

import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GetSolutionMetrics for aws-next-best-action. The guide names no metrics for the recipe, so these
 * are Tastemaker's: a seeded 10% of the users with action interactions are held out (their item
 * interactions stay, as the context a new user brings), the model trains on the rest, and each
 * held-out user's action choices (Taken against Not Taken) are predicted from their items alone.
 * {@code action_auc} is the chance that a taken action outscores a declined one over all held-out
 * choices; {@code action_precision_at_1} the share of held-out users with both kinds whose
 * highest-scored action among those they were shown is one they took.
 */
public final class ActionEvaluation {
  static final double HOLDOUT = 0.1;

  private ActionEvaluation() {}

  public static Map<String, Double> run(NextBestActionTrainer trainer, TrainingInput input, TrainingMonitor monitor) {
    ActionEvents events = input.actions().events();
    List<String> users = new ArrayList<>(events.byUser().keySet());
    Collections.sort(users);
    Collections.shuffle(users, new java.util.Random(input.seed()));
    Set<String> heldOut = new HashSet<>(users.subList(0, (int) Math.round(users.size() * HOLDOUT)));
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (heldOut.isEmpty()) {
      return metrics;
    }
    NextBestActionModel model = trainer.train(input.withActions(new ActionData(input.actions().catalog(), events.without(heldOut))), monitor);
    List<double[]> scored = new ArrayList<>();
    int hits = 0;
    int judged = 0;
    for (Map.Entry<String, List<ActionEvents.Event>> user : events.byUser().entrySet()) {
      if (!heldOut.contains(user.getKey())) {
        continue;
      }
      Map<Integer, Boolean> taken = new LinkedHashMap<>();
      for (ActionEvents.Event e : user.getValue()) {
        if (e.type() == ActionEventType.TAKEN) {
          taken.put(e.action(), true);
        } else if (e.type() == ActionEventType.NOT_TAKEN) {
          taken.putIfAbsent(e.action(), false);
        }
      }
      double best = -1;
      boolean bestTaken = false;
      for (Map.Entry<Integer, Boolean> choice : taken.entrySet()) {
        double p = model.propensity(user.getKey(), choice.getKey());
        scored.add(new double[] {p, choice.getValue() ? 1 : 0});
        if (p > best) {
          best = p;
          bestTaken = choice.getValue();
        }
      }
      if (taken.containsValue(true) && taken.containsValue(false)) {
        judged++;
        hits += bestTaken ? 1 : 0;
      }
    }
    auc(scored).ifPresent(a -> metrics.put("action_auc", a));
    if (judged > 0) {
      metrics.put("action_precision_at_1", (double) hits / judged);
    }
    return metrics;
  }

  /** The area under the ROC curve of (score, label) pairs, ties counting half; empty without both labels. */
  static java.util.OptionalDouble auc(List<double[]> pairs) {
    List<double[]> sorted = new ArrayList<>(pairs);
    sorted.sort((x, y) -> Double.compare(x[0], y[0]));
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j < sorted.size() && sorted.get(j)[0] == sorted.get(i)[0]) {
        j++;
      }
      double midRank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (sorted.get(k)[1] > 0) {
          rankSum += midRank;
          positives++;
        }
      }
      i = j;
    }
    long negatives = sorted.size() - positives;
    if (positives == 0 || negatives == 0) {
      return java.util.OptionalDouble.empty();
    }
    return java.util.OptionalDouble.of((rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives));
  }
}
