package io.tastemaker.core.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HyperParameterTest {
  private static final HyperParameter HIDDEN = HyperParameter.integer("hidden_dimension", 43, 32, 256, true, HyperParameter.Stage.ALGORITHM);
  private static final HyperParameter WEIGHT = HyperParameter.continuous("weight", 0.5, 0.0, 1.0, true, HyperParameter.Stage.ALGORITHM);

  @Test
  void plain_numbers_in_range_pass_in_canonical_form() {
    assertThat(HIDDEN.check(" 64 ")).isEqualTo("64");
    assertThat(WEIGHT.check("0.25")).isEqualTo("0.25");
    assertThat(WEIGHT.check("2.5E-1")).isEqualTo("0.25");
    assertThat(WEIGHT.check(".5")).isEqualTo("0.5");
  }

  @Test
  void integers_outside_the_range_or_the_type_are_refused_with_the_value() {
    assertThatThrownBy(() -> HIDDEN.check("9223372036854775808")).hasMessage("hidden_dimension must be an integer in [32, 256], got 9223372036854775808");
    assertThatThrownBy(() -> HIDDEN.check("4294967328")).hasMessage("hidden_dimension must be in [32, 256], got 4294967328");
    for (String odd : new String[] {"+64", "64.0", "0x40", "６４", "1e2"}) {
      assertThatThrownBy(() -> HIDDEN.check(odd)).as(odd).hasMessage("hidden_dimension must be an integer in [32, 256], got " + odd);
    }
  }

  @Test
  void what_java_parses_but_no_one_writes_as_a_number_is_refused() {
    for (String odd : new String[] {"NaN", "Infinity", "-Infinity", "0x1p-1", "0.5d", "0.5f", "+0.5", "1e400", "1."}) {
      assertThatThrownBy(() -> WEIGHT.check(odd)).as(odd).hasMessageStartingWith("weight must be").hasMessageEndingWith("got " + odd);
    }
  }
}
