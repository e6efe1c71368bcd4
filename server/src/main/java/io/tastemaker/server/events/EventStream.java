package io.tastemaker.server.events;

import io.tastemaker.server.store.Database;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.BiConsumer;

/**
 * The streamed events of a running server: the durable log behind PutEvents and the histories in
 * memory that requests read, rebuilt from the log when the server starts.
 */
public final class EventStream implements AutoCloseable {
  /** Events read at a time when the server starts. */
  private static final int PAGE = 10_000;

  private final LiveHistories histories = new LiveHistories();
  private final List<Consumer<List<StreamedEvent>>> listeners = new CopyOnWriteArrayList<>();
  private final EventWriter writer;

  /** @param changed hears, after each commit, the dataset group and user keys whose history grew */
  public EventStream(Database db, BiConsumer<String, Set<String>> changed) {
    // Read page by page: the histories keep each user's newest events, not the whole log.
    long after = 0;
    while (true) {
      long from = after;
      List<StreamedEvent> page = db.read(tx -> EventLog.page(tx, from, PAGE));
      if (page.isEmpty()) {
        break;
      }
      histories.accept(page);
      after = page.get(page.size() - 1).seq();
    }
    this.writer = new EventWriter(db, events -> {
      for (Map.Entry<String, Set<String>> e : histories.accept(events).entrySet()) {
        changed.accept(e.getKey(), e.getValue());
      }
      listeners.forEach(listener -> listener.accept(events));
    });
  }

  /** Adds a listener that hears every newly stored event, in seq order, after the histories took them. */
  public void listen(Consumer<List<StreamedEvent>> listener) {
    listeners.add(listener);
  }

  public LiveHistories histories() {
    return histories;
  }

  public EventWriter writer() {
    return writer;
  }

  @Override
  public void close() throws InterruptedException {
    writer.close();
  }
}
