package io.tastemaker.server.solutions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AutoTrainingScheduleTest {
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void the_first_training_is_due_an_hour_after_the_start() {
    AutoTrainingSchedule s = AutoTrainingSchedule.startingAt(T);
    assertThat(s.next()).isEqualTo(T.plus(Duration.ofHours(1)));
    assertThat(s.first()).isTrue();
  }

  @Test
  void each_run_moves_the_schedule_one_period_on_or_past_now_after_a_long_pause() {
    AutoTrainingSchedule s = AutoTrainingSchedule.startingAt(T);
    Duration week = Duration.ofDays(7);
    AutoTrainingSchedule next = s.after(week, s.next());
    assertThat(next.next()).isEqualTo(s.next().plus(week));
    assertThat(next.first()).isFalse();
    // Down for 20 days: one training now, the next one within a period, on the original rhythm.
    Instant now = s.next().plus(Duration.ofDays(20));
    AutoTrainingSchedule resumed = s.after(week, now);
    assertThat(resumed.next()).isEqualTo(s.next().plus(Duration.ofDays(21)));
    assertThat(resumed.next()).isAfter(now);
  }
}
