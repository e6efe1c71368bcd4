package io.tastemaker.server.serving;

import io.tastemaker.core.rules.RankedCandidates;
import io.tastemaker.core.model.ItemMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks an answer's items from a model's candidates: a promotion's share of the slots holds the
 * best candidates its filter admits, the rest the best the request's filter admits, no item twice,
 * all placed by the model's relevance (so a promoted item sits where its own relevance puts it).
 * When too few candidates meet the promotion, as many as there are are promoted and the request's
 * filter fills the other slots.
 */
public final class Promotions {
  private Promotions() {}

  /** A picked candidate: its position in the candidates, and whether the promotion placed it. */
  public record Pick(int position, boolean promoted) {}

  /** The slots a promotion holds: {@code percent}% of {@code n}, rounded up, so any share promotes at least one item. */
  public static int slots(int n, int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("percentPromotedItems must be in [1, 100], got " + percent);
    }
    return (int) ((n * (long) percent + 99) / 100);
  }

  /**
   * The picks, in the candidates' order.
   *
   * @param n the most items to pick
   * @param request the items the request's filter admits
   * @param promotion the items the promotion's filter admits, and its percentage, when there is one
   */
  public static List<Pick> select(RankedCandidates candidates, int n, ItemMask request, Optional<Share> promotion) {
    boolean[] promoted = new boolean[candidates.size()];
    int promotedCount = 0;
    if (promotion.isPresent()) {
      int slots = slots(n, promotion.get().percent());
      for (int k = 0; k < candidates.size() && promotedCount < slots; k++) {
        if (promotion.get().admits().allows(candidates.item(k))) {
          promoted[k] = true;
          promotedCount++;
        }
      }
    }
    List<Pick> picks = new ArrayList<>(Math.min(n, candidates.size()));
    int regular = n - promotedCount;
    for (int k = 0; k < candidates.size() && (regular > 0 || promotedCount > 0); k++) {
      if (promoted[k]) {
        picks.add(new Pick(k, true));
        promotedCount--;
      } else if (regular > 0 && request.allows(candidates.item(k))) {
        picks.add(new Pick(k, false));
        regular--;
      }
    }
    return picks;
  }

  /** A promotion as the picking sees it: the items its filter admits and its percentage of the slots. */
  public record Share(ItemMask admits, int percent) {
    public Share {
      slots(0, percent);
    }
  }
}
