package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.kernel.ScratchPool;
import io.tastemaker.core.kernel.Vectors;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.model.UserRefit;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.transformer.TransformerModel;
import io.tastemaker.core.training.TrainingInput;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * A trained aws-user-personalization model: the HRNN with metadata and cold items of
 * aws-hrnn-coldstart for relevance, with the v2 transformer as a second opinion ({@link
 * SequenceExpert}) unless {@code transformer_expert} is false, the per-item offsets impressions
 * taught it ({@link ImpressionBias}), and what exploration knows of each item ({@link ItemExposure}).
 * Scores are a distribution over every item, {@code p_i e^{d_i} / sum_j p_j e^{d_j}} with {@code p}
 * the experts' combined probabilities, so a user's scores sum to 1; {@link #explore} answers with
 * new items mixed in by Thompson sampling.
 */
public final class UserPersonalizationModel implements Recommender, UserRefit {
  private final HrnnModel relevance;
  private final Optional<SequenceExpert> expert;
  private final float[] offsets;
  /** {@code e^{d_i}}, each item's factor from its offset. */
  private final float[] offsetFactors;
  private final boolean offset;
  private final ItemExposure exposure;
  private final long seed;
  private final ExplorationSettings defaults;
  /** Room for a user's probabilities, one float per item, lent to one request at a time: no request allocates the catalogue's size. */
  private final ScratchPool<float[]> buffer;

  UserPersonalizationModel(
      HrnnModel relevance, Optional<SequenceExpert> expert, float[] offsets, ItemExposure exposure, long seed, ExplorationSettings defaults) {
    this.defaults = defaults;
    this.expert = expert.map(e -> e.withItems(relevance.items()));
    if (offsets.length != relevance.items().size() || exposure.size() != relevance.items().size()) {
      throw new IllegalArgumentException(
          "the model has " + relevance.items().size() + " items but " + offsets.length + " offsets and " + exposure.size() + " exposures");
    }
    this.relevance = relevance;
    this.offsets = offsets.clone();
    boolean any = false;
    for (float d : offsets) {
      any |= d != 0;
    }
    this.offset = any;
    this.offsetFactors = new float[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      offsetFactors[i] = (float) Math.exp(offsets[i]);
    }
    this.buffer = ScratchPool.floats(offsets.length);
    this.exposure = exposure;
    this.seed = seed;
  }

  /** An answer with exploration: the items best first by score, their scores, and which ones exploration placed. */
  public record Explored(Ranking ranking, boolean[] explored) {
    public Explored {
      if (explored.length != ranking.size()) {
        throw new IllegalArgumentException(ranking.size() + " items but " + explored.length + " exploration marks");
      }
      explored = explored.clone();
    }

    @Override
    public boolean[] explored() {
      return explored.clone();
    }
  }

  @Override
  public String recipe() {
    return relevance.recipe();
  }

  @Override
  public RecipeType type() {
    return RecipeType.USER_PERSONALIZATION;
  }

  @Override
  public ItemCatalog items() {
    return relevance.items();
  }

  @Override
  public boolean scores() {
    return true;
  }

  /** The HRNN that gives relevance before impressions' offsets. */
  public HrnnModel relevance() {
    return relevance;
  }

  /** The transformer whose probabilities are combined with the HRNN's, if the model has one. */
  public Optional<TransformerModel> transformerExpert() {
    return expert.map(SequenceExpert::model);
  }

  /** The seed of training, which every request's exploration mixes with the request's own. */
  public long seed() {
    return seed;
  }

  /** The solution's exploration hyperparameters, which campaigns and batch jobs without an {@code itemExplorationConfig} use. */
  public ExplorationSettings explorationDefaults() {
    return defaults;
  }

  /** The latest interaction the model knows, epoch seconds: items' ages for exploration are measured from it. */
  public long latestInteraction() {
    return exposure.latest();
  }

  /** The impressions' offset of an item (0 without impressions). */
  public float offset(int item) {
    return offsets[item];
  }

  /** How often an item was shown and how often chosen when shown, as exploration estimates it. */
  public long shown(int item) {
    return exposure.shown(item);
  }

  public long chosen(int item) {
    return exposure.chosen(item);
  }

  /** When an item was first seen, epoch seconds. */
  public long firstSeen(int item) {
    return exposure.firstSeen(item);
  }

  /** A number that changes whenever the evidence exploration uses grows; requests mix it into their seed. */
  public long evidence() {
    return exposure.totalShown();
  }

  /**
   * The seed of one request's exploration: the user, how many events they streamed since training
   * and the evidence the model holds, so the same state gives the same answer and new evidence a new
   * draw.
   */
  public long requestSeed(String userId, int streamedEvents) {
    return (userId.hashCode() * 0x9E3779B97F4A7C15L + streamedEvents) * 31 + evidence();
  }

  /** Every item's probability for the user; they sum to 1 (to a float's precision: the model serves from floats). */
  public double[] probabilities(UserQuery query) {
    float[] values = buffer.borrow();
    try {
      double factor = fill(query, values);
      double[] p = new double[values.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = factor * values[i];
      }
      return p;
    } finally {
      buffer.release(values);
    }
  }

  /**
   * Every item's probability for the user up to a common factor, into {@code p} (one float per
   * item); returns the factor. The values are normal floats or zero.
   */
  private double fill(UserQuery query, float[] p) {
    double factor = relevance.probabilities(query, p);
    expert.ifPresent(e -> e.combine(p, query));
    if (!offset) {
      return factor;
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Vectors.normalOrZero((double) p[i] * offsetFactors[i]);
      sum += p[i];
    }
    return 1 / sum;
  }

  @Override
  public Ranking recommend(UserQuery query, int n, ItemMask mask) {
    if (!offset && expert.isEmpty()) {
      return relevance.recommend(query, n, mask);
    }
    float[] p = buffer.borrow();
    try {
      double factor = fill(query, p);
      int[] best = ThompsonExploration.top(p, n, mask);
      return new Ranking(best, Arrays.stream(best).mapToDouble(i -> factor * p[i]).toArray());
    } finally {
      buffer.release(p);
    }
  }

  /** With the HRNN alone, its block scoring; with offsets or the transformer, one user after another. */
  @Override
  public List<Ranking> recommendAll(List<UserQuery> queries, int n, List<ItemMask> masks) {
    return offset || expert.isPresent() ? Recommender.super.recommendAll(queries, n, masks) : relevance.recommendAll(queries, n, masks);
  }

  @Override
  public Ranking popular(int n, ItemMask mask) {
    return recommend(UserQuery.anonymous(History.EMPTY), n, mask);
  }

  /**
   * The user's best {@code n} items with exploration: with weight 0 the same items as {@link
   * #recommend}; otherwise young items take slots as {@link ThompsonExploration} draws them.
   *
   * @param requestSeed mixed with the model's seed; the same seed gives the same answer
   */
  public Explored explore(UserQuery query, int n, ItemMask mask, ExplorationSettings settings, long requestSeed) {
    float[] p = buffer.borrow();
    try {
      double factor = fill(query, p);
      ThompsonExploration.Picked picked = ThompsonExploration.pick(p, n, mask, exposure, settings, new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ requestSeed));
      int[] items = picked.items();
      return new Explored(new Ranking(items, Arrays.stream(items).mapToDouble(i -> factor * p[i]).toArray()), picked.explored());
    } finally {
      buffer.release(p);
    }
  }

  @Override
  public Recommender withoutUsers(java.util.Set<String> userIds) {
    Recommender without = relevance.withoutUsers(userIds);
    return without == relevance
        ? this
        : new UserPersonalizationModel((HrnnModel) without, expert.map(e -> e.withoutUsers(userIds)), offsets, exposure, seed, defaults);
  }

  @Override
  public Recommender withUsers(InteractionData all) {
    return new UserPersonalizationModel((HrnnModel) relevance.withUsers(all), expert.map(e -> e.withUsers(all)), offsets, exposure, seed, defaults);
  }

  @Override
  public Recommender withUsers(InteractionData all, IntPredicate unchanged) {
    return new UserPersonalizationModel(
        (HrnnModel) relevance.withUsers(all, unchanged), expert.map(e -> e.withUsers(all)), offsets, exposure, seed, defaults);
  }

  /**
   * This model with the items of {@code ids} it does not know added from their metadata alone, as
   * aws-hrnn-coldstart does; they are first seen at their {@code creation} time, else at the latest interaction.
   */
  public UserPersonalizationModel withNewItems(Metadata metadata, List<String> ids, Map<String, Long> creation) {
    HrnnModel grown = relevance.withNewItems(metadata, ids);
    if (grown.items().size() == items().size()) {
      return this;
    }
    return new UserPersonalizationModel(
        grown, expert, Arrays.copyOf(offsets, grown.items().size()), exposure.withItems(grown.items(), creation), seed, defaults);
  }

  /**
   * This model with more evidence for exploration: impressions, the items of interactions that came
   * without one, and the latest interaction's time (the reference of items' ages).
   */
  public UserPersonalizationModel withEvidence(Impressions impressions, List<String> interactedWithout, long latestInteraction) {
    if (impressions.isEmpty() && interactedWithout.isEmpty() && latestInteraction <= exposure.latest()) {
      return this;
    }
    return new UserPersonalizationModel(
        relevance, expert, offsets, exposure.withImpressions(items(), impressions, interactedWithout, latestInteraction), seed, defaults);
  }

  /**
   * This model with exploration's evidence counted afresh from a training input's interactions,
   * impressions and creation times (trainingMode UPDATE); the network and offsets stay.
   */
  public UserPersonalizationModel refreshedFrom(TrainingInput input) {
    ItemExposure counted = ItemExposure.of(items(), input.interactions(), input.impressions().ofUsers(u -> true), input.itemCreation());
    return new UserPersonalizationModel(relevance, expert, offsets, counted, seed, defaults);
  }

  float[] offsets() {
    return offsets.clone();
  }

  ItemExposure exposure() {
    return exposure;
  }
}
