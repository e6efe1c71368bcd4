package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.model.History;
import io.tastemaker.core.model.UserQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HrnnModel#probabilities(UserQuery, float[])} against the double {@link HrnnModel#probabilities(UserQuery)}. */
class ProbabilityBufferTest {
  @Test
  void the_buffer_times_the_factor_is_every_items_probability_and_never_subnormal() {
    HrnnModel model = RandomHrnnModels.model(20_000, 43, 60, 11);
    List<UserQuery> queries = new ArrayList<>();
    for (int u = 0; u < 60; u++) {
      queries.add(UserQuery.of("u" + u));
    }
    queries.add(UserQuery.of("nobody"));
    // A stranger whose second item opens a new session: the answer blends two sessions.
    queries.add(UserQuery.anonymous(new History(new int[] {3, 17, 4_000}, new long[] {1_000, 1_060, 90_000})));
    float[] out = new float[model.items().size()];
    for (UserQuery query : queries) {
      double factor = model.probabilities(query, out);
      double[] p = model.probabilities(query);
      double sum = 0;
      for (int i = 0; i < p.length; i++) {
        assertThat(out[i] == 0f || out[i] >= Float.MIN_NORMAL).as("item %d of %s: %s", i, query, out[i]).isTrue();
        double value = factor * out[i];
        sum += value;
        // Where a float would be subnormal the buffer holds 0: such probabilities stay below 1e-30.
        if (p[i] >= 1e-30) {
          assertThat(Math.abs(value - p[i])).as("item %d of %s", i, query).isLessThanOrEqualTo(1e-6 * p[i]);
        } else {
          assertThat(value).isLessThan(1e-30);
        }
      }
      assertThat(sum).as("%s", query).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    }
  }
}
