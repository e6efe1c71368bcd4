package io.tastemaker.server.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.wire.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulingExpressionTest {
  private static final String WHERE = "solutionConfig.autoTrainingConfig.schedulingExpression";

  @Test
  void a_rate_of_days_is_its_period() {
    assertThat(SchedulingExpression.parse("rate(1 day)", WHERE)).isEqualTo(Duration.ofDays(1));
    assertThat(SchedulingExpression.parse("rate(5 days)", WHERE)).isEqualTo(Duration.ofDays(5));
    assertThat(SchedulingExpression.parse("rate(30 days)", WHERE)).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void rates_outside_1_to_30_days_and_other_forms_are_refused_naming_the_member_and_value() {
    assertThatThrownBy(() -> SchedulingExpression.parse("rate(0 days)", WHERE))
        .isInstanceOf(ApiException.class)
        .hasMessage(WHERE + " must be a rate of 1 to 30 days, got rate(0 days)");
    assertThatThrownBy(() -> SchedulingExpression.parse("rate(31 days)", WHERE)).hasMessageContaining("got rate(31 days)");
    assertThatThrownBy(() -> SchedulingExpression.parse("rate(99999999999999999999 days)", WHERE)).hasMessageContaining("1 to 30 days");
    assertThatThrownBy(() -> SchedulingExpression.parse("rate(2 hours)", WHERE)).hasMessage(WHERE + " must look like rate(7 days), got rate(2 hours)");
    assertThatThrownBy(() -> SchedulingExpression.parse("cron(0 0 * * ? *)", WHERE)).hasMessageContaining("got cron(0 0 * * ? *)");
  }
}
