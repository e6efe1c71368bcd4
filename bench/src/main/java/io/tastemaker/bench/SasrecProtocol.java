package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.popularity.PopularityModel;
import io.tastemaker.core.userpersonalization.UserPersonalizationModel;
import io.tastemaker.core.transformer.TransformerModel;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * The evaluation of the SASRec paper's Table III on ml-1m-sasrec: for each of the 3,261 users with
 * exact sequences, the history is {@code seq[:-1]} (its last item, unseen in training, arrives as a
 * new event) and the target is {@code seq[-1]}. Sampled: the target among 100 items drawn uniformly,
 * with a fixed seed, from items the user never interacted with. Full: the target among all items,
 * the user's history excluded.
 *
 * <p>The second-to-last item arrives either a minute after the training history, in the same
 * session, or (issue 15) as a returning user's event: a day later, starting a new session.
 */
final class SasrecProtocol {
  /** HR@10 and NDCG@10, sampled and full. */
  record Result(double sampledHr, double sampledNdcg, double fullHr, double fullNdcg) {}

  /** How much later than the training history a returning user's event comes. */
  static final long RETURNING_GAP = 86_400;

  /** The seed of the negatives every SASRec-protocol benchmark draws. */
  static final long NEGATIVE_SEED = 2018;

  private final MovieLens1mSasrec data;
  private final long negativeSeed;

  SasrecProtocol(MovieLens1mSasrec data, long negativeSeed) {
    this.data = data;
    this.negativeSeed = negativeSeed;
  }

  /** The training interactions: {@code seq[:-2]} of every user, one minute apart. */
  InteractionData trainingData() {
    return trainingData(item -> true);
  }

  /** The training interactions with the items {@code keep} accepts. */
  InteractionData trainingData(IntPredicate keep) {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < data.users(); u++) {
      int[] seq = data.train.get(u);
      for (int p = 0; p < seq.length; p++) {
        if (!keep.test(seq[p])) {
          continue;
        }
        b.add(Integer.toString(u + 1), Integer.toString(seq[p]), MovieLens1mSasrec.BASE_TIME + 60L * p, Optional.empty(), Double.NaN);
      }
    }
    return b.build();
  }

  /** The protocol with the second-to-last item in the training history's session. */
  Result evaluate(Recommender model) {
    return evaluate(model, false);
  }

  /** The protocol; with {@code returning}, the second-to-last item starts a new session a day later. */
  Result evaluate(Recommender model, boolean returning) {
    SplittableRandom random = new SplittableRandom(negativeSeed);
    double sHr = 0;
    double sNdcg = 0;
    double fHr = 0;
    double fNdcg = 0;
    int users = 0;
    for (Map.Entry<Integer, int[]> e : new java.util.TreeMap<>(data.exact).entrySet()) {
      int[] seq = e.getValue();
      int target = seq[seq.length - 1];
      double[] scores = scores(model, e.getKey(), seq, returning);
      Set<Integer> seen = new HashSet<>();
      for (int item : seq) {
        seen.add(item);
      }
      double targetScore = score(model, scores, target);
      int sampledRank = 0;
      for (int k = 0; k < 100; k++) {
        int negative;
        do {
          negative = 1 + random.nextInt(data.items);
        } while (seen.contains(negative));
        if (score(model, scores, negative) > targetScore) {
          sampledRank++;
        }
      }
      int fullRank = 0;
      Set<Integer> history = new HashSet<>();
      for (int p = 0; p < seq.length - 1; p++) {
        history.add(seq[p]);
      }
      for (int item = 1; item <= data.items; item++) {
        if (item != target && !history.contains(item) && score(model, scores, item) > targetScore) {
          fullRank++;
        }
      }
      if (sampledRank < 10) {
        sHr++;
        sNdcg += 1 / log2(sampledRank + 2);
      }
      if (fullRank < 10) {
        fHr++;
        fNdcg += 1 / log2(fullRank + 2);
      }
      users++;
    }
    return new Result(sHr / users, sNdcg / users, fHr / users, fNdcg / users);
  }

  /** Every catalogue item's score for the user, by model index, the second-to-last item in the same session. */
  static double[] scores(Recommender model, int user, int[] seq) {
    return scores(model, user, seq, false);
  }

  /**
   * Every catalogue item's score for the user, by model index; with {@code returning}, the
   * second-to-last item comes a day after the training history with a new session.
   */
  static double[] scores(Recommender model, int user, int[] seq, boolean returning) {
    int secondToLast = seq[seq.length - 2];
    OptionalInt item = model.items().indexOf(Integer.toString(secondToLast));
    long lastTrained = MovieLens1mSasrec.BASE_TIME + 60L * (seq.length - 3);
    History event =
        item.isPresent()
            ? new History(new int[] {item.getAsInt()}, new long[] {returning ? lastTrained + RETURNING_GAP : lastTrained + 60}, new boolean[] {returning})
            : History.EMPTY;
    UserQuery query = new UserQuery(Optional.of(Integer.toString(user)), event);
    if (model instanceof HrnnModel hrnn) {
      return hrnn.probabilities(query);
    }
    if (model instanceof UserPersonalizationModel up) {
      // aws-user-personalization with exploration weight 0: its relevance, a softmax over every item.
      return up.probabilities(query);
    }
    if (model instanceof TransformerModel transformer) {
      return transformer.probabilities(query);
    }
    PopularityModel popularity = (PopularityModel) model;
    double[] s = new double[model.items().size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = popularity.userCount(i);
    }
    return s;
  }

  /** An item's score by its SASRec id; minus infinity for items the model does not know. */
  static double score(Recommender model, double[] scores, int item) {
    OptionalInt index = model.items().indexOf(Integer.toString(item));
    return index.isPresent() ? scores[index.getAsInt()] : Double.NEGATIVE_INFINITY;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
