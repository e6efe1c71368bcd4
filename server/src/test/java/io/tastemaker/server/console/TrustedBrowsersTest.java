package io.tastemaker.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedBrowsersTest {
  private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
  private final TrustedBrowsers browsers = new TrustedBrowsers(3);

  @Test
  void a_browser_is_trusted_for_the_key_it_signed_in_with_only() {
    String token = browsers.admit(Optional.empty(), "AKID", T0);

    assertThat(browsers.trusts(Optional.of(token), "AKID", T0)).isTrue();
    assertThat(browsers.trusts(Optional.of(token), "AKIDOTHER", T0)).isFalse();
    assertThat(browsers.trusts(Optional.of("made-up"), "AKID", T0)).isFalse();
    assertThat(browsers.trusts(Optional.empty(), "AKID", T0)).isFalse();
  }

  @Test
  void trust_lasts_thirty_days_from_the_last_sign_in_under_the_same_token() {
    String token = browsers.admit(Optional.empty(), "AKID", T0);
    Instant later = T0.plus(Duration.ofDays(20));

    assertThat(browsers.admit(Optional.of(token), "AKID", later)).isEqualTo(token);
    assertThat(browsers.trusts(Optional.of(token), "AKID", later.plus(TrustedBrowsers.LIFETIME).minusSeconds(1))).isTrue();
    assertThat(browsers.trusts(Optional.of(token), "AKID", later.plus(TrustedBrowsers.LIFETIME))).isFalse();
    assertThat(browsers.admit(Optional.of(token), "AKID", later.plus(TrustedBrowsers.LIFETIME))).isNotEqualTo(token);
  }

  @Test
  void at_most_the_capacity_is_kept_the_least_recently_admitted_going_first() {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tokens.add(browsers.admit(Optional.empty(), "AKID", T0.plusSeconds(i)));
    }

    assertThat(browsers.size()).isEqualTo(3);
    assertThat(browsers.trusts(Optional.of(tokens.get(1)), "AKID", T0)).isFalse();
    assertThat(browsers.trusts(Optional.of(tokens.get(4)), "AKID", T0)).isTrue();
  }
}
