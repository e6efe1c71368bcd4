package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.hrnn.RandomHrnnModels;
import io.tastemaker.core.transformer.RandomTransformerModels;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded aws-user-personalization models with random weights at any catalogue size, for benchmarks
 * of scoring: a generated HRNN ({@link RandomHrnnModels}) and, if asked, a generated transformer
 * expert ({@link RandomTransformerModels}) that know the same users with the same histories, and
 * a catalogue whose items were created over the past months, so that one in ten is young.
 * Serving them costs what serving a trained model of that size costs.
 */
public final class RandomUserPersonalizationModels {
  private static final long CATALOGUE_DAYS = 300;
  private static final long DAY_SECONDS = 86_400;

  private RandomUserPersonalizationModels() {}

  /** A model of {@code items} items and {@code users} known users, the HRNN's vectors of {@code dim} values. */
  public static UserPersonalizationModel model(int items, int dim, int users, boolean transformerExpert, long seed) {
    InteractionData data = RandomHrnnModels.users(items, users, seed + 1);
    HrnnModel relevance = (HrnnModel) RandomHrnnModels.model(items, dim, 0, seed).withUsers(data);
    Optional<SequenceExpert> expert =
        transformerExpert ? Optional.of(SequenceExpert.of(RandomTransformerModels.model(items, data, seed + 2), relevance.items())) : Optional.empty();
    ItemExposure exposure = ItemExposure.of(relevance.items(), data, Impressions.NONE, creation(items, data, seed));
    return new UserPersonalizationModel(relevance, expert, new float[items], exposure, seed, ExplorationSettings.DEFAULT);
  }

  /**
   * Each item's creation time, spread evenly over the {@value #CATALOGUE_DAYS} days before the newest
   * interaction: with exploration's default cut-off of 30 days, one item in ten is young.
   */
  private static Map<String, Long> creation(int items, InteractionData data, long seed) {
    long latest = 0;
    for (int i = 0; i < data.size(); i++) {
      latest = Math.max(latest, data.timestamp(i));
    }
    SplittableRandom random = new SplittableRandom(seed + 3);
    Map<String, Long> creation = new HashMap<>(items * 2);
    for (int i = 0; i < items; i++) {
      creation.put("i" + i, latest - random.nextLong(CATALOGUE_DAYS * DAY_SECONDS));
    }
    return creation;
  }
}
