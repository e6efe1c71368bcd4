package io.tastemaker.core.domain;

import java.util.Arrays;
import java.util.Optional;

/** The domain of a Domain dataset group, as CreateDatasetGroup and CreateSchema name it. */
public enum Domain {
  ECOMMERCE,
  VIDEO_ON_DEMAND;

  /** The domain with exactly this wire name (the service model's enum is case-sensitive). */
  public static Optional<Domain> of(String wireName) {
    return Arrays.stream(values()).filter(d -> d.name().equals(wireName)).findFirst();
  }
}
