package io.tastemaker.core.nextbestaction;

import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Action interactions as training reads them: each a user, an action of the catalog, an event type
 * and a time, ordered by time. Events of actions the catalog lacks, without a user, or of another
 * event type are left out and counted.
 */
public final class ActionEvents {
  /** One action interaction. */
  public record Event(String userId, int action, ActionEventType type, long timestamp) {}

  public static final ActionEvents NONE = new ActionEvents(List.of(), 0);

  private final List<Event> events;
  private final int skipped;

  public ActionEvents(List<Event> events, int skipped) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(Event::timestamp));
    this.events = List.copyOf(sorted);
    this.skipped = skipped;
  }

  /** The events of imported segments and of put records (field name to text). */
  public static ActionEvents of(List<Segment> segments, Collection<Map<String, String>> put, ActionCatalog catalog) {
    List<Event> events = new ArrayList<>();
    int skipped = 0;
    for (Segment s : segments) {
      StringColumn users = s.strings("USER_ID");
      StringColumn actions = s.strings("ACTION_ID");
      StringColumn types = s.strings("EVENT_TYPE");
      LongColumn times = s.longs("TIMESTAMP");
      for (int row = 0; row < s.rows(); row++) {
        Optional<Event> e = event(users.isNull(row) ? null : users.value(row), actions.value(row), types.isNull(row) ? "" : types.value(row), times.value(row), catalog);
        skipped += e.isEmpty() ? 1 : 0;
        e.ifPresent(events::add);
      }
    }
    for (Map<String, String> fields : put) {
      Optional<Event> e = event(fields.get("USER_ID"), fields.get("ACTION_ID"), fields.getOrDefault("EVENT_TYPE", ""), Long.parseLong(fields.get("TIMESTAMP")), catalog);
      skipped += e.isEmpty() ? 1 : 0;
      e.ifPresent(events::add);
    }
    return new ActionEvents(events, skipped);
  }

  private static Optional<Event> event(String user, String action, String type, long time, ActionCatalog catalog) {
    int a = catalog.indexOf(action);
    Optional<ActionEventType> t = ActionEventType.parse(type);
    if (user == null || user.isEmpty() || a < 0 || t.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Event(user, a, t.get(), time));
  }

  /** The events, oldest first. */
  public List<Event> events() {
    return events;
  }

  /** How many events were left out (unknown action, no user, another event type). */
  public int skipped() {
    return skipped;
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  /** The newest event's time, 0 without events. */
  public long latest() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).timestamp();
  }

  /** Each user's events, oldest first. */
  public Map<String, List<Event>> byUser() {
    Map<String, List<Event>> out = new HashMap<>();
    for (Event e : events) {
      out.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /** These events without those of some users. */
  public ActionEvents without(java.util.Set<String> users) {
    return new ActionEvents(events.stream().filter(e -> !users.contains(e.userId())).toList(), skipped);
  }
}
