package io.tastemaker.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumberTextTest {
  @Test
  void whole_numbers_are_plain_ascii_digits_that_fit_a_long() {
    assertThat(NumberText.whole("40")).hasValue(40);
    assertThat(NumberText.whole("-3")).hasValue(-3);
    for (String odd : List.of("+5", "5.0", " 5", "٣", "0x10", "", "1234567890123456789")) {
      assertThat(NumberText.whole(odd)).as(odd).isEmpty();
    }
  }

  @Test
  void decimals_are_finite_and_written_as_people_write_them() {
    assertThat(NumberText.decimal("0.5")).hasValue(0.5);
    assertThat(NumberText.decimal("-2e3")).hasValue(-2000);
    for (String odd : List.of("NaN", "Infinity", "1e400", "0x1p3", "5d", "+1", ".5", "1.", "")) {
      assertThat(NumberText.decimal(odd)).as(odd).isEmpty();
    }
  }
}
