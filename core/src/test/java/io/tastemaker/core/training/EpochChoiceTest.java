package io.tastemaker.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EpochChoiceTest {
  private static final int USERS = 600;

  /** Per-user scores: each user's own level plus noise of the epoch, shifted by {@code shift}. */
  private static double[] epoch(double[] level, double noise, double shift, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] s = new double[level.length];
    for (int u = 0; u < s.length; u++) {
      s[u] = level[u] + shift + noise * random.nextGaussian();
    }
    return s;
  }

  private static double[] levels() {
    SplittableRandom random = new SplittableRandom(1);
    double[] level = new double[USERS];
    for (int u = 0; u < USERS; u++) {
      // Users differ far more than epochs do: that is what pairing the differences removes.
      level[u] = random.nextDouble() < 0.8 ? 0 : random.nextDouble(0.3, 1);
    }
    return level;
  }

  @Test
  void a_new_best_is_kept_and_resets_the_count_towards_stopping() {
    EpochChoice choice = new EpochChoice(2);
    double[] level = levels();
    assertThat(choice.keep(epoch(level, 0.01, 0.00, 2))).isTrue();
    assertThat(choice.keep(epoch(level, 0.01, -0.05, 3))).isFalse();
    assertThat(choice.stop()).isFalse();
    assertThat(choice.keep(epoch(level, 0.01, 0.02, 4))).isTrue();
    assertThat(choice.bestMean()).isCloseTo(EpochChoice.mean(level) + 0.02, org.assertj.core.api.Assertions.within(0.002));
    assertThat(choice.keep(epoch(level, 0.01, -0.05, 5))).isFalse();
    assertThat(choice.stop()).isFalse();
    assertThat(choice.keep(epoch(level, 0.01, -0.05, 6))).isFalse();
    assertThat(choice.stop()).isTrue();
  }

  @Test
  void a_later_epoch_within_noise_of_the_best_is_kept_a_clearly_worse_one_is_not() {
    double[] level = levels();
    EpochChoice choice = new EpochChoice(3);
    choice.keep(epoch(level, 0.05, 0, 7));
    // The same users, a mean a little lower than the best by chance of the noise, far less than its error.
    double[] tied = epoch(level, 0.05, -0.001, 8);
    assertThat(EpochChoice.mean(tied)).isLessThan(choice.bestMean());
    assertThat(choice.keep(tied)).isTrue();
    // A decline of 0.02 against paired noise of about 0.003: significant, so the best stays.
    assertThat(choice.keep(epoch(level, 0.05, -0.02, 9))).isFalse();
  }

  @Test
  void without_patience_it_never_stops_and_users_must_match() {
    EpochChoice choice = new EpochChoice(0);
    double[] level = levels();
    choice.keep(level);
    for (int e = 0; e < 10; e++) {
      choice.keep(epoch(level, 0.01, -0.1, 20 + e));
    }
    assertThat(choice.stop()).isFalse();
    assertThatThrownBy(() -> choice.keep(new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 users");
  }
}
