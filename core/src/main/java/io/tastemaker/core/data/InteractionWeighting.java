package io.tastemaker.core.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Applies a solution's {@code eventsConfig} and {@code optimizationObjective} to the interactions
 * before any trainer sees them, the same way for every recipe.
 *
 * <p>With an events configuration only the listed event types train, each only with events that
 * reach its {@code eventValueThreshold}. Weights and the objective act by seeded sampling: an
 * interaction is kept with probability {@code (w_type / max_w) * objective(item)}, so in expectation
 * each interaction's contribution to any trainer's loss or counts is scaled by its weight, as a
 * weighted loss would scale it; the recipes need no change. Only the ratios between weights matter,
 * as Personalize documents.
 */
public final class InteractionWeighting {
  private final List<EventParameters> events;
  private final Optional<ItemObjective> objective;

  /**
   * @param events the {@code eventParametersList}; empty means every event type, weighted alike
   * @param objective the optimization objective, if any
   */
  public InteractionWeighting(List<EventParameters> events, Optional<ItemObjective> objective) {
    this.events = List.copyOf(events);
    this.objective = objective;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (EventParameters p : this.events) {
      if (!seen.add(p.eventType())) {
        throw new IllegalArgumentException("event type " + p.eventType() + " is listed twice");
      }
    }
  }

  /** Whether it leaves every interaction as it is. */
  public boolean none() {
    return events.isEmpty() && objective.map(o -> o.strength() == 0).orElse(true);
  }

  /** The interactions to train on: {@link #select} then {@link #sample}. */
  public InteractionData apply(InteractionData data, long seed) {
    return sample(select(data), seed);
  }

  /** The interactions of the listed event types that reach their thresholds (all of them without a list). */
  public InteractionData select(InteractionData data) {
    if (events.isEmpty()) {
      return data;
    }
    Map<String, EventParameters> byType = new HashMap<>();
    events.forEach(p -> byType.put(p.eventType(), p));
    EventParameters[] parameters = new EventParameters[data.eventTypes().size()];
    for (int t = 0; t < parameters.length; t++) {
      parameters[t] = byType.get(data.eventTypes().get(t));
    }
    return data.keep(i -> {
      int type = data.eventType(i);
      return type >= 0 && parameters[type] != null && parameters[type].reaches(data.eventValue(i));
    });
  }

  /**
   * The selected interactions thinned by weight: each kept with probability {@code (w_type / max_w)
   * * objective(item)}; the same data and seed always keep the same ones.
   */
  public InteractionData sample(InteractionData data, long seed) {
    if (none()) {
      return data;
    }
    double[] typeWeight = typeWeights(data);
    double[] itemWeight = new double[data.itemCount()];
    for (int item = 0; item < itemWeight.length; item++) {
      itemWeight[item] = objective.isPresent() ? objective.get().weight(data.itemId(item)) : 1.0;
    }
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] keep = new boolean[data.size()];
    for (int i = 0; i < keep.length; i++) {
      int type = data.eventType(i);
      double p = itemWeight[data.item(i)] * (events.isEmpty() ? 1.0 : type < 0 ? 0.0 : typeWeight[type]);
      // One draw per interaction, kept or not, so one interaction's fate does not shift the others'.
      keep[i] = random.nextDouble() < p;
    }
    return data.keep(i -> keep[i]);
  }

  /** Per event type of the data, its weight over the largest listed weight (0 for unlisted types). */
  private double[] typeWeights(InteractionData data) {
    double max = events.stream().mapToDouble(EventParameters::weight).max().orElse(1);
    double[] out = new double[data.eventTypes().size()];
    for (int t = 0; t < out.length; t++) {
      String type = data.eventTypes().get(t);
      out[t] = events.stream().filter(p -> p.eventType().equals(type)).mapToDouble(p -> max > 0 ? p.weight() / max : 0).findFirst().orElse(0);
    }
    return out;
  }
}
