package io.tastemaker.core.batch;

import java.util.Objects;

/** One action of an aws-next-best-action batch line's answer, with its score. */
public record BatchAction(String actionId, double score) {
  public BatchAction {
    Objects.requireNonNull(actionId, "actionId");
  }
}
