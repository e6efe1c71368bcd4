package io.tastemaker.core.sample;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sample's three CSV files as written, and its interactions read back from the CSV text. */
record SampleFiles(String interactions, String items, String users) {

  /** One row of the interactions CSV. */
  record Event(String user, String item, String type, long timestamp) {}

  static SampleFiles of(ShopSample sample) {
    try {
      StringWriter interactions = new StringWriter();
      StringWriter items = new StringWriter();
      StringWriter users = new StringWriter();
      sample.writeInteractions(interactions);
      sample.writeItems(items);
      sample.writeUsers(users);
      return new SampleFiles(interactions.toString(), items.toString(), users.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Event> events() {
    List<List<String>> rows = CsvRows.parse(interactions);
    List<Event> events = new ArrayList<>(rows.size() - 1);
    for (List<String> row : rows.subList(1, rows.size())) {
      events.add(new Event(row.get(0), row.get(1), row.get(2), Long.parseLong(row.get(3))));
    }
    return events;
  }

  /** Each user's events in file order, users in order of first appearance. */
  Map<String, List<Event>> eventsByUser() {
    Map<String, List<Event>> byUser = new LinkedHashMap<>();
    for (Event event : events()) {
      byUser.computeIfAbsent(event.user(), user -> new ArrayList<>()).add(event);
    }
    return byUser;
  }

  /**
   * Each user's sessions as lists of events, split wherever two events are more than 30 minutes
   * apart: the data's own notion of a visit, with no help from the generator.
   */
  List<List<Event>> sessions() {
    List<List<Event>> sessions = new ArrayList<>();
    for (List<Event> history : eventsByUser().values()) {
      List<Event> session = new ArrayList<>();
      for (Event event : history) {
        if (!session.isEmpty()
            && event.timestamp() - session.get(session.size() - 1).timestamp() > 1_800) {
          sessions.add(session);
          session = new ArrayList<>();
        }
        session.add(event);
      }
      sessions.add(session);
    }
    return sessions;
  }
}
