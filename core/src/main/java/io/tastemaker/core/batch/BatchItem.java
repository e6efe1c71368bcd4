package io.tastemaker.core.batch;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One item of a batch line's answer.
 *
 * @param itemId the item
 * @param score its score, for recipes that score and items the model scored
 */
public record BatchItem(String itemId, OptionalDouble score) {
  public BatchItem {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(score, "score");
  }
}
