package io.tastemaker.core.sample;

import java.util.List;

/** The AGE_GROUP values of the sample's users and how common each is. */
final class AgeGroups {

  static final List<String> LABELS = List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");

  static final int COUNT = 6;

  /** Relative share of shoppers in each group, loosely shaped like an online shop's customers. */
  static final CumulativeWeights SHARE = new CumulativeWeights(16, 24, 21, 17, 13, 9);

  private AgeGroups() {}
}
