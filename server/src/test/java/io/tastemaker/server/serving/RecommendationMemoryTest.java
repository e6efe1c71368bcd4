package io.tastemaker.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecommendationMemoryTest {
  /** A clock tests move by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.ofEpochSecond(1_700_000_000L);

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void a_remembered_recommendation_gives_its_items() {
    RecommendationMemory memory = new RecommendationMemory(10, Duration.ofHours(1), new ManualClock());
    memory.remember("RID-1", List.of("a", "b"));
    assertThat(memory.shown("RID-1")).contains(List.of("a", "b"));
    assertThat(memory.shown("RID-2")).isEmpty();
  }

  @Test
  void the_oldest_are_forgotten_beyond_the_capacity() {
    RecommendationMemory memory = new RecommendationMemory(3, Duration.ofHours(1), new ManualClock());
    for (int k = 1; k <= 5; k++) {
      memory.remember("RID-" + k, List.of("i" + k));
    }
    assertThat(memory.size()).isEqualTo(3);
    assertThat(memory.shown("RID-2")).isEmpty();
    assertThat(memory.shown("RID-3")).contains(List.of("i3"));
  }

  @Test
  void recommendations_expire_after_their_lifetime() {
    ManualClock clock = new ManualClock();
    RecommendationMemory memory = new RecommendationMemory(10, Duration.ofMinutes(30), clock);
    memory.remember("RID-old", List.of("a"));
    clock.now = clock.now.plus(Duration.ofMinutes(20));
    memory.remember("RID-new", List.of("b"));
    clock.now = clock.now.plus(Duration.ofMinutes(15));
    assertThat(memory.shown("RID-old")).isEmpty();
    assertThat(memory.shown("RID-new")).contains(List.of("b"));
    // Remembering drops the expired ones from memory too.
    memory.remember("RID-later", List.of("c"));
    assertThat(memory.size()).isEqualTo(2);
  }

  @Test
  void a_capacity_of_zero_remembers_nothing() {
    RecommendationMemory memory = new RecommendationMemory(0, Duration.ofHours(1), new ManualClock());
    memory.remember("RID-1", List.of("a"));
    assertThat(memory.shown("RID-1")).isEqualTo(Optional.empty());
  }
}
