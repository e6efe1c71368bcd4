package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ItemCatalog;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What is known of each item's appeal when shown, for exploration: how often it was shown (its
 * impressions, the chosen item counting as shown), how often chosen from an impression, how many
 * interactions it has, and when it was first seen (its {@code CREATION_TIMESTAMP}, else its first
 * interaction, else the latest interaction when the model learnt of it). Ages are measured, as
 * Personalize measures them, from the latest interaction across all items, not from the clock.
 *
 * <p>Each item's chance of being chosen when shown has a Beta posterior: a prior of {@link
 * #PRIOR_STRENGTH} impressions at the catalogue's mean rate, plus its choices and its impressions
 * not chosen. Interactions without an impression are choices whose impressions are unknown; they
 * count as shown {@code 1 / mean} times each, so without any impressions every item's estimate stays
 * at the mean and only its uncertainty shrinks with its interactions.
 */
final class ItemExposure {
  /** Impressions' worth of prior belief. */
  static final double PRIOR_STRENGTH = 2;
  /** The assumed chance that a shown item is chosen, before any impression says otherwise. */
  static final double DEFAULT_RATE = 0.1;

  private final long[] shown;
  private final long[] chosen;
  private final long[] interactions;
  private final long[] firstSeen;
  private final long latest;
  private final double meanRate;

  private ItemExposure(long[] shown, long[] chosen, long[] interactions, long[] firstSeen, long latest) {
    this.latest = latest;
    this.shown = shown;
    this.chosen = chosen;
    this.interactions = interactions;
    this.firstSeen = firstSeen;
    long allShown = Arrays.stream(shown).sum();
    long allChosen = Arrays.stream(chosen).sum();
    this.meanRate = allShown == 0 ? DEFAULT_RATE : Math.min(0.999, Math.max(0.001, (double) allChosen / allShown));
  }

  /** The exposure of a catalogue's items from the training data. */
  static ItemExposure of(ItemCatalog items, InteractionData data, Impressions impressions, Map<String, Long> creation) {
    int n = items.size();
    long[] firstSeen = new long[n];
    Arrays.fill(firstSeen, Long.MAX_VALUE);
    long[] interactions = new long[n];
    int[] toModel = new int[data.itemCount()];
    for (int i = 0; i < toModel.length; i++) {
      toModel[i] = items.indexOf(data.itemId(i)).orElse(-1);
    }
    long latest = Long.MIN_VALUE;
    for (int i = 0; i < data.size(); i++) {
      latest = Math.max(latest, data.timestamp(i));
      int item = toModel[data.item(i)];
      if (item >= 0) {
        interactions[item]++;
        firstSeen[item] = Math.min(firstSeen[item], data.timestamp(i));
      }
    }
    for (int i = 0; i < n; i++) {
      Long created = creation.get(items.id(i));
      if (created != null) {
        firstSeen[i] = created;
      } else if (firstSeen[i] == Long.MAX_VALUE) {
        firstSeen[i] = latest == Long.MIN_VALUE ? 0 : latest;
      }
    }
    ItemExposure empty = new ItemExposure(new long[n], new long[n], interactions, firstSeen, latest == Long.MIN_VALUE ? 0 : latest);
    return empty.withImpressions(items, impressions, List.of(), Long.MIN_VALUE);
  }

  /**
   * This exposure with more impressions, and more interactions (their items' ids) that came without
   * one; {@code latestInteraction} moves the reference of ages forward when it is later.
   */
  ItemExposure withImpressions(ItemCatalog items, Impressions more, List<String> interactedWithout, long latestInteraction) {
    long newest = Math.max(latest, latestInteraction);
    long[] s = shown.clone();
    long[] c = chosen.clone();
    long[] k = interactions.clone();
    for (Impressions.Shown impression : more.all()) {
      newest = Math.max(newest, impression.timestamp());
      OptionalInt picked = items.indexOf(impression.chosenItemId());
      boolean pickedShown = false;
      for (String id : impression.shown()) {
        OptionalInt item = items.indexOf(id);
        if (item.isPresent()) {
          s[item.getAsInt()]++;
          pickedShown |= id.equals(impression.chosenItemId());
        }
      }
      if (picked.isPresent()) {
        c[picked.getAsInt()]++;
        if (!pickedShown) {
          s[picked.getAsInt()]++;
        }
      }
    }
    for (String id : interactedWithout) {
      items.indexOf(id).ifPresent(i -> k[i]++);
    }
    return new ItemExposure(s, c, k, firstSeen.clone(), newest);
  }

  /** This exposure for a grown catalogue: the items after the known ones are first seen at their {@code creation} or now, the latest interaction. */
  ItemExposure withItems(ItemCatalog grown, Map<String, Long> creation) {
    int n = grown.size();
    int known = shown.length;
    long[] f = Arrays.copyOf(firstSeen, n);
    for (int i = known; i < n; i++) {
      Long created = creation.get(grown.id(i));
      f[i] = created != null ? created : latest;
    }
    return new ItemExposure(Arrays.copyOf(shown, n), Arrays.copyOf(chosen, n), Arrays.copyOf(interactions, n), f, latest);
  }

  int size() {
    return shown.length;
  }

  long shown(int item) {
    return shown[item];
  }

  long chosen(int item) {
    return chosen[item];
  }

  long interactions(int item) {
    return interactions[item];
  }

  long firstSeen(int item) {
    return firstSeen[item];
  }

  /** The latest interaction known, epoch seconds: items' ages are measured from it. */
  long latest() {
    return latest;
  }

  /** Whether an item was first seen at most {@code cutOffSeconds} before the latest interaction. */
  boolean young(int item, long cutOffSeconds) {
    return latest - firstSeen[item] <= cutOffSeconds;
  }

  /** The share of impressions that were chosen over all items, or {@link #DEFAULT_RATE} without impressions. */
  double meanRate() {
    return meanRate;
  }

  /** The total of impressions, which changes whenever new evidence arrives. */
  long totalShown() {
    return Arrays.stream(shown).sum() + Arrays.stream(interactions).sum();
  }

  /** The first shape of the item's Beta posterior: prior choices plus its choices. */
  double alpha(int item) {
    return PRIOR_STRENGTH * meanRate + chosen[item] + unexposed(item);
  }

  /** The second shape: prior impressions not chosen plus its own, and those implied by choices without an impression. */
  double beta(int item) {
    return PRIOR_STRENGTH * (1 - meanRate) + (shown[item] - chosen[item]) + unexposed(item) * (1 / meanRate - 1);
  }

  private long unexposed(int item) {
    return Math.max(0, interactions[item] - chosen[item]);
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeLongs(shown);
    out.writeLongs(chosen);
    out.writeLongs(interactions);
    out.writeLongs(firstSeen);
    out.writeLong(latest);
  }

  static ItemExposure readFrom(BinaryReader in, int items) {
    long[] s = in.readLongs();
    long[] c = in.readLongs();
    long[] k = in.readLongs();
    long[] f = in.readLongs();
    long latest = in.readLong();
    if (s.length != items || c.length != items || k.length != items || f.length != items) {
      throw new IllegalArgumentException("the exposure table has " + s.length + " items, the model " + items);
    }
    return new ItemExposure(s, c, k, f, latest);
  }
}
