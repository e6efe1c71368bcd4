package io.tastemaker.core.batch;

import java.util.Map;
import java.util.Objects;

/** One user's line in a block of batch lines: the user, the line's context and its filter values. */
public record UserLine(String userId, Map<String, String> context, Map<String, String> filterValues) {
  public UserLine {
    Objects.requireNonNull(userId, "userId");
    context = Map.copyOf(context);
    filterValues = Map.copyOf(filterValues);
  }
}
