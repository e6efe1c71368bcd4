package io.tastemaker.server.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrainingScheduleTest {
  @Test
  void recommenders_retrain_every_seven_days_unless_told_otherwise() {
    assertThat(RetrainingSchedule.fromEnvironment(Map.of())).isEqualTo(Duration.ofDays(7));
    assertThat(RetrainingSchedule.fromEnvironment(Map.of(RetrainingSchedule.VARIABLE, " "))).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void the_period_is_a_number_of_days_or_an_iso_duration() {
    assertThat(RetrainingSchedule.fromEnvironment(Map.of(RetrainingSchedule.VARIABLE, "3"))).isEqualTo(Duration.ofDays(3));
    assertThat(RetrainingSchedule.fromEnvironment(Map.of(RetrainingSchedule.VARIABLE, "PT12H"))).isEqualTo(Duration.ofHours(12));
    assertThat(RetrainingSchedule.fromEnvironment(Map.of(RetrainingSchedule.VARIABLE, "0"))).isEqualTo(Duration.ZERO);
  }

  @Test
  void a_period_that_is_not_one_is_refused_naming_the_variable_and_the_value() {
    assertThatThrownBy(() -> RetrainingSchedule.fromEnvironment(Map.of(RetrainingSchedule.VARIABLE, "weekly")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TASTEMAKER_RECOMMENDER_RETRAINING")
        .hasMessageContaining("weekly");
    assertThatThrownBy(() -> RetrainingSchedule.fromEnvironment(Map.of(RetrainingSchedule.VARIABLE, "-PT1H")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-PT1H");
  }
}
