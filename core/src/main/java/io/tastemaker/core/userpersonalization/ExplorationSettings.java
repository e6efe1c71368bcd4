package io.tastemaker.core.userpersonalization;

/**
 * A campaign's or batch job's {@code itemExplorationConfig}: how much of an answer goes to new items
 * and which items count as new.
 *
 * @param weight {@code explorationWeight}, 0 to 1: the chance that each slot of an answer explores; 0 is pure relevance
 * @param itemAgeCutOffDays {@code explorationItemAgeCutOff}: items first seen at most this many days ago may be explored
 */
public record ExplorationSettings(double weight, double itemAgeCutOffDays) {
  /** Personalize's defaults: weight 0.3, items up to 30 days old. */
  public static final ExplorationSettings DEFAULT = new ExplorationSettings(0.3, 30);

  /** No exploration: answers by relevance alone. */
  public static final ExplorationSettings NONE = new ExplorationSettings(0, 30);

  public ExplorationSettings {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("explorationWeight must be in [0, 1], got " + weight);
    }
    if (!(itemAgeCutOffDays > 0) || Double.isInfinite(itemAgeCutOffDays)) {
      throw new IllegalArgumentException("explorationItemAgeCutOff must be a positive number of days, got " + itemAgeCutOffDays);
    }
  }

  public boolean explores() {
    return weight > 0;
  }

  /** The cut-off in seconds. */
  long cutOffSeconds() {
    return (long) Math.min(Long.MAX_VALUE / 2.0, itemAgeCutOffDays * 86_400);
  }
}
