package io.tastemaker.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.store.Database;
import io.tastemaker.server.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The event log and the histories built from it, on both databases. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EventStreamTest {
  @Parameter TestDatabase database;
  private static final String GROUP = "arn:aws:personalize:us-east-1:000000000000:dataset-group/g";

  @TempDir Path dir;

  private static StreamedEvent event(String user, String item, long time) {
    return new StreamedEvent(0, GROUP, user + "-" + item, Optional.of(user), "s-" + user, Optional.of(item), "click", OptionalDouble.empty(), time, Optional.empty(),
        Optional.empty(), Map.of());
  }

  @Test
  void events_written_are_in_the_histories_of_a_stream_opened_later_across_many_pages() throws Exception {
    try (Database db = TestDatabase.open(dir, database.fresh())) {
      try (EventStream stream = new EventStream(db, (group, users) -> {})) {
        // 2,500 users x 10 events: more than two pages of the log when it is read back.
        List<CompletableFuture<boolean[]>> writes = new ArrayList<>();
        for (int u = 0; u < 2_500; u++) {
          List<StreamedEvent> call = new ArrayList<>();
          for (int k = 0; k < 10; k++) {
            call.add(event("u" + u, "i" + k, 1_000 + k));
          }
          writes.add(stream.writer().write(call));
        }
        for (var w : writes) {
          assertThat(w.get(30, TimeUnit.SECONDS)).containsOnly(true);
        }
        assertThat(stream.histories().since(GROUP, "u7", 0)).hasSize(10);
      }
      try (EventStream reopened = new EventStream(db, (group, users) -> {})) {
        for (String user : List.of("u0", "u1234", "u2499")) {
          assertThat(reopened.histories().since(GROUP, user, 0)).extracting(e -> e.itemId().orElseThrow())
              .containsExactly("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9");
        }
        // The order goes on after the last event stored.
        assertThat(reopened.writer().write(List.of(event("u0", "i10", 2_000))).get(30, TimeUnit.SECONDS)).containsOnly(true);
        assertThat(reopened.histories().since(GROUP, "u0", 25_000)).extracting(StreamedEvent::seq).containsExactly(25_001L);
      }
    }
  }

  @Test
  void an_event_id_repeated_in_its_group_is_stored_once() throws Exception {
    try (Database db = TestDatabase.open(dir, database.fresh());
        EventStream stream = new EventStream(db, (group, users) -> {})) {
      assertThat(stream.writer().write(List.of(event("u1", "i1", 1_000))).get(30, TimeUnit.SECONDS)).containsExactly(true);
      assertThat(stream.writer().write(List.of(event("u1", "i2", 1_001), event("u1", "i1", 1_002))).get(30, TimeUnit.SECONDS)).containsExactly(true, false);
      assertThat(stream.histories().since(GROUP, "u1", 0)).extracting(e -> e.itemId().orElseThrow()).containsExactly("i1", "i2");
    }
  }

  @Test
  void two_replicas_writing_at_once_store_every_event_under_its_own_seq() throws Exception {
    try (Database db = TestDatabase.open(dir, database.fresh());
        EventStream a = new EventStream(db, (group, users) -> {});
        EventStream b = new EventStream(db, (group, users) -> {})) {
      List<CompletableFuture<boolean[]>> writes = new ArrayList<>();
      for (int u = 0; u < 200; u++) {
        EventStream through = u % 2 == 0 ? a : b;
        writes.add(through.writer().write(List.of(event("u" + u, "i0", 1_000), event("u" + u, "i1", 1_001))));
      }
      for (var w : writes) {
        assertThat(w.get(30, TimeUnit.SECONDS)).containsOnly(true);
      }
      long stored = db.read(EventLog::count);
      assertThat(stored).isEqualTo(400);
    }
  }

  @Test
  void an_event_stored_through_one_replica_reaches_the_others_histories_within_a_second() throws Exception {
    try (Database db = TestDatabase.open(dir, database.fresh());
        EventStream a = new EventStream(db, (group, users) -> {})) {
      java.util.Map<String, java.util.Set<String>> heard = new java.util.concurrent.ConcurrentHashMap<>();
      try (EventStream b = new EventStream(db, (group, users) -> heard.computeIfAbsent(group, g -> java.util.concurrent.ConcurrentHashMap.newKeySet()).addAll(users))) {
        assertThat(a.writer().write(List.of(event("u1", "i1", 1_000))).get(30, TimeUnit.SECONDS)).containsExactly(true);
        assertThat(a.histories().since(GROUP, "u1", 0)).hasSize(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        // The follower adds the event to its histories before it tells its listener: wait for both.
        while ((b.histories().since(GROUP, "u1", 0).isEmpty() || (database == TestDatabase.POSTGRESQL && !heard.containsKey(GROUP)))
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        if (database == TestDatabase.POSTGRESQL) {
          assertThat(b.histories().since(GROUP, "u1", 0)).extracting(e -> e.itemId().orElseThrow()).containsExactly("i1");
          assertThat(heard).containsOnlyKeys(GROUP);
          assertThat(heard.get(GROUP)).containsExactly("u1");
          // Its own next event comes after the other's, in seq order, once each.
          assertThat(b.writer().write(List.of(event("u1", "i2", 1_001))).get(30, TimeUnit.SECONDS)).containsExactly(true);
          assertThat(b.histories().since(GROUP, "u1", 0)).extracting(e -> e.itemId().orElseThrow()).containsExactly("i1", "i2");
        } else {
          // The embedded file has one process: nothing else writes to it, so nothing is followed.
          assertThat(b.histories().since(GROUP, "u1", 0)).isEmpty();
        }
      }
    }
  }
}
