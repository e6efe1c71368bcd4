package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.kernel.ScratchPool;
import io.tastemaker.core.kernel.Vectors;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.transformer.TransformerModel;
import java.util.Arrays;
import java.util.Set;

/**
 * The transformer of the v2 recipes as aws-user-personalization's second opinion on relevance: the
 * HRNN's and its probabilities are combined as a product of experts, each item's share the geometric
 * mean {@code sqrt(p_i q_i)} of the two, renormalised. The GRU reads a user's history through its
 * recurrence, the attention reads every item of it, and the two err apart: together they rank better
 * than either (design notes, issue 13). Items the transformer does not know (cold items, known from
 * their metadata alone, and items added since training) keep the HRNN's probabilities, and the items
 * it knows share between them what the HRNN gives them all, so exploration and cold items meet the
 * same odds as without it.
 */
final class SequenceExpert {
  private final TransformerModel model;
  /** Each item of aws-user-personalization's catalogue at the transformer's index, -1 where it has none. */
  private final int[] toExpert;

  /**
   * Room for the transformer's probabilities (one float per item it knows) and the roots of the
   * HRNN's (one per item of the catalogue), lent to one request at a time.
   */
  private final ScratchPool<float[][]> buffers;

  private SequenceExpert(TransformerModel model, int[] toExpert) {
    this.model = model;
    this.toExpert = toExpert;
    this.buffers = ScratchPool.floats(new int[] {model.items().size(), toExpert.length});
  }

  /** The expert over a catalogue whose items it may know only in part. */
  static SequenceExpert of(TransformerModel model, ItemCatalog items) {
    int[] toExpert = new int[items.size()];
    for (int i = 0; i < toExpert.length; i++) {
      toExpert[i] = model.items().indexOf(items.ids().get(i)).orElse(-1);
    }
    return new SequenceExpert(model, toExpert);
  }

  TransformerModel model() {
    return model;
  }

  /** The same expert over a catalogue grown by new items, which it does not know. */
  SequenceExpert withItems(ItemCatalog items) {
    return items.size() == toExpert.length ? this : of(model, items);
  }

  SequenceExpert withUsers(InteractionData all) {
    return new SequenceExpert((TransformerModel) model.withUsers(all), toExpert);
  }

  SequenceExpert withoutUsers(Set<String> userIds) {
    return new SequenceExpert((TransformerModel) model.withoutUsers(userIds), toExpert);
  }

  /**
   * Combines, in place, the HRNN's probabilities with the transformer's for the same query: {@code
   * p} holds the HRNN's up to a common factor (normal floats or zero, as {@link
   * HrnnModel#probabilities(UserQuery, float[])} gives them) and is left holding the combination's
   * up to the same factor, also normal or zero. Both normalisers cancel: each known item's share is
   * {@code sqrt(p_i e_j)} over their sum, times the HRNN's mass of the known items, with {@code e_j}
   * the transformer's unnormalised probabilities.
   */
  void combine(float[] p, UserQuery query) {
    float[][] set = buffers.borrow();
    try {
      float[] e = set[0];
      float[] roots = set[1];
      model.exponentials(translated(query), e);
      // sqrt(p_i e_j) as sqrt(p_i) sqrt(e_j), the roots taken in passes of their own (see Vectors.sqrt):
      // the roots of normal floats are normal, and their product in double neither underflows nor rounds.
      Vectors.sqrt(p, roots, toExpert.length);
      Vectors.sqrt(e, e, e.length);
      double known = 0;
      double geometric = 0;
      // The items' shares go to the transformer's buffer first (each of its items belongs to at most one of the catalogue's):
      // p stays whole until it is known that some product did not underflow.
      for (int i = 0; i < toExpert.length; i++) {
        int j = toExpert[i];
        if (j >= 0) {
          known += p[i];
          double share = (double) roots[i] * e[j];
          e[j] = Vectors.normalOrZero(share);
          geometric += share;
        }
      }
      if (geometric == 0) {
        // Only where every known item's product underflows: the HRNN speaks alone.
        return;
      }
      double scale = known / geometric;
      for (int i = 0; i < toExpert.length; i++) {
        int j = toExpert[i];
        if (j >= 0) {
          p[i] = Vectors.normalOrZero(e[j] * scale);
        }
      }
    } finally {
      buffers.release(set);
    }
  }

  /** The query with its new interactions at the transformer's indices; items it does not know are left out. */
  private UserQuery translated(UserQuery query) {
    History recent = query.recent();
    int[] items = new int[recent.length()];
    long[] times = new long[recent.length()];
    boolean[] starts = new boolean[recent.length()];
    int kept = 0;
    for (int k = 0; k < recent.length(); k++) {
      int j = toExpert[recent.item(k)];
      if (j >= 0) {
        items[kept] = j;
        times[kept] = recent.timestamp(k);
        starts[kept] = recent.startsSession(k);
        kept++;
      }
    }
    History mapped = new History(Arrays.copyOf(items, kept), Arrays.copyOf(times, kept), Arrays.copyOf(starts, kept));
    return new UserQuery(query.userId(), mapped, query.context());
  }
}
