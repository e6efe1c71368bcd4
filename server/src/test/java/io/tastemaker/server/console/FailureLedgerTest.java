package io.tastemaker.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureLedgerTest {
  private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
  private static final FailureLedger.Policy POLICY =
      new FailureLedger.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), 4);

  private final FailureLedger ledger = new FailureLedger(POLICY);

  @Test
  void the_free_failures_impose_nothing_and_then_the_wait_doubles_up_to_the_cap() {
    // 3 free, then 1, 2, 4, 8 s, then the 10 s cap.
    long[] expected = {0, 0, 0, 1, 2, 4, 8, 10, 10};
    for (int failures = 1; failures <= expected.length; failures++) {
      assertThat(POLICY.delayAfter(failures)).as("after failure %d", failures).isEqualTo(Duration.ofSeconds(expected[failures - 1]));
    }
    assertThat(POLICY.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void a_failure_beyond_the_free_ones_makes_the_subject_wait_and_others_not() {
    for (int i = 0; i < 3; i++) {
      assertThat(ledger.fail("a", T0).delay()).isZero();
    }
    FailureLedger.Failure fourth = ledger.fail("a", T0);

    assertThat(fourth).isEqualTo(new FailureLedger.Failure(4, 0, Duration.ofSeconds(1)));
    assertThat(ledger.wait("a", T0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(ledger.wait("a", T0.plusMillis(400))).isEqualTo(Duration.ofMillis(600));
    assertThat(ledger.wait("a", T0.plusSeconds(1))).isZero();
    assertThat(ledger.wait("b", T0)).isZero();
  }

  @Test
  void attempts_refused_while_waiting_are_reported_with_the_next_failure() {
    for (int i = 0; i < 4; i++) {
      ledger.fail("a", T0);
    }
    ledger.refused("a", T0);
    ledger.refused("a", T0);

    assertThat(ledger.fail("a", T0.plusSeconds(1))).isEqualTo(new FailureLedger.Failure(5, 2, Duration.ofSeconds(2)));
    assertThat(ledger.fail("a", T0.plusSeconds(3)).refusedMeanwhile()).isZero();
  }

  @Test
  void a_subject_quiet_for_the_forget_time_starts_over_and_a_cleared_one_at_once() {
    for (int i = 0; i < 5; i++) {
      ledger.fail("a", T0);
      ledger.fail("b", T0);
    }
    assertThat(ledger.fail("a", T0.plus(Duration.ofMinutes(1))).failures()).isEqualTo(1);
    ledger.clear("b");
    assertThat(ledger.wait("b", T0)).isZero();
    assertThat(ledger.fail("b", T0).failures()).isEqualTo(1);
  }

  @Test
  void the_ledger_holds_at_most_its_capacity_forgetting_the_oldest_failure_first() {
    for (int i = 0; i < 4; i++) {
      ledger.fail("s" + i, T0.plusSeconds(i));
    }
    ledger.fail("s0", T0.plusSeconds(10));
    ledger.fail("new", T0.plusSeconds(11));

    assertThat(ledger.size()).isEqualTo(4);
    // s1 failed longest ago, so it went; s0 failed again and stayed.
    assertThat(ledger.fail("s1", T0.plusSeconds(12)).failures()).isEqualTo(1);
    assertThat(ledger.fail("new", T0.plusSeconds(12)).failures()).isEqualTo(2);
  }

  @Test
  void a_policy_with_impossible_numbers_is_refused_naming_them() {
    assertThatThrownBy(() -> new FailureLedger.Policy(3, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(5), 4))
        .hasMessage("delays must satisfy 0 < firstDelay <= maxDelay < forgetAfter, got PT1S, PT5M, PT5M");
    assertThatThrownBy(() -> new FailureLedger.Policy(-1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 4))
        .hasMessage("free must be 0 or more and capacity 1 or more, got -1 and 4");
  }
}
