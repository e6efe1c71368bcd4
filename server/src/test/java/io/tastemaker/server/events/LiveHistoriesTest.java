package io.tastemaker.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveHistoriesTest {
  private static final String GROUP = "arn:aws:personalize:us-east-1:000000000000:dataset-group/g";

  private static StreamedEvent event(long seq, String user, String session, String item, long time) {
    return new StreamedEvent(
        seq, GROUP, "e" + seq, Optional.ofNullable(user), session, Optional.of(item), "click", OptionalDouble.empty(), time, Optional.empty(), Optional.empty(), Map.of());
  }

  private static List<String> items(List<StreamedEvent> events) {
    return events.stream().map(e -> e.itemId().orElseThrow()).toList();
  }

  @Test
  void a_user_s_events_come_in_time_order_after_the_watermark() {
    LiveHistories histories = new LiveHistories();
    histories.accept(List.of(event(1, "u", "s", "a", 30), event(2, "u", "s", "b", 10), event(3, "u", "s", "c", 20)));
    assertThat(items(histories.since(GROUP, "u", 0))).containsExactly("b", "c", "a");
    assertThat(items(histories.since(GROUP, "u", 2))).containsExactly("c");
    assertThat(histories.since("another-group", "u", 0)).isEmpty();
  }

  @Test
  void a_claimed_session_s_events_earlier_and_later_are_the_user_s() {
    LiveHistories histories = new LiveHistories();
    Map<String, Set<String>> changed = histories.accept(List.of(event(1, null, "s", "a", 10), event(2, null, "s", "b", 20)));
    assertThat(changed).containsEntry(GROUP, Set.of("s"));
    changed = histories.accept(List.of(event(3, "u", "s", "c", 30)));
    // Both keys changed: the session lost its events, the user gained them.
    assertThat(changed.get(GROUP)).containsExactlyInAnyOrder("s", "u");
    assertThat(histories.since(GROUP, "s", 0)).isEmpty();
    histories.accept(List.of(event(4, null, "s", "d", 40)));
    assertThat(items(histories.since(GROUP, "u", 0))).containsExactly("a", "b", "c", "d");
  }

  @Test
  void training_counts_anonymous_events_for_the_user_who_claims_their_session_even_later() {
    List<StreamedEvent> events = List.of(event(1, null, "s", "a", 10), event(2, null, "t", "b", 20), event(3, "u", "s", "c", 30));
    assertThat(LiveHistories.userKeys(events)).containsExactly("u", "t", "u");
  }

  @Test
  void only_the_newest_events_of_a_user_are_kept() {
    LiveHistories histories = new LiveHistories();
    for (int i = 0; i < LiveHistories.MAX_EVENTS_PER_USER + 20; i++) {
      histories.accept(List.of(event(i + 1, "u", "s", "i" + i, i)));
    }
    List<StreamedEvent> kept = histories.since(GROUP, "u", 0);
    assertThat(kept).hasSize(LiveHistories.MAX_EVENTS_PER_USER);
    assertThat(kept.get(0).itemId()).contains("i20");
  }
}
