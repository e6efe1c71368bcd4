package io.tastemaker.server.events;

import io.tastemaker.server.store.Database;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.BiConsumer;

/**
 * The streamed events of a running server: the durable log behind PutEvents and the histories in
 * memory that requests read, rebuilt from the log when the server starts.
 *
 * <p>On PostgreSQL other replicas write events too, so the histories follow the log itself: a poll
 * four times a second, and each commit of this replica's own, read the events after the last one
 * taken in, in seq order. The embedded file has one writer, whose commits feed the histories directly.
 */
public final class EventStream implements AutoCloseable {
  /** Events read at a time when the server starts. */
  private static final int PAGE = 10_000;
  /** How often a replica looks for events other replicas stored. */
  private static final long FOLLOW_MILLIS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  private final LiveHistories histories = new LiveHistories();
  private final List<Consumer<List<StreamedEvent>>> listeners = new CopyOnWriteArrayList<>();
  private final EventWriter writer;
  private final Database db;
  private final BiConsumer<String, Set<String>> changed;
  private final Optional<ScheduledExecutorService> follower;
  /** The highest seq the histories have taken in from the log. */
  private long taken;

  /** @param changed hears, after each commit, the dataset group and user keys whose history grew */
  public EventStream(Database db, BiConsumer<String, Set<String>> changed) {
    this.db = db;
    this.changed = changed;
    // Read page by page: the histories keep each user's newest events, not the whole log.
    while (true) {
      long from = taken;
      List<StreamedEvent> page = db.read(tx -> EventLog.page(tx, from, PAGE));
      if (page.isEmpty()) {
        break;
      }
      histories.accept(page);
      taken = page.get(page.size() - 1).seq();
    }
    if (db.isPostgresql()) {
      this.writer = new EventWriter(db, fresh -> catchUp());
      ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "event-follower");
        t.setDaemon(true);
        return t;
      });
      poll.scheduleWithFixedDelay(this::catchUpSafely, FOLLOW_MILLIS, FOLLOW_MILLIS, TimeUnit.MILLISECONDS);
      this.follower = Optional.of(poll);
    } else {
      this.writer = new EventWriter(db, this::take);
      this.follower = Optional.empty();
    }
  }

  /** Takes in, in seq order, every event stored after the last one taken, whichever replica stored it. */
  private synchronized void catchUp() {
    while (true) {
      long from = taken;
      List<StreamedEvent> page = db.read(tx -> EventLog.page(tx, from, PAGE));
      if (page.isEmpty()) {
        return;
      }
      take(page);
      taken = page.get(page.size() - 1).seq();
    }
  }

  /**
   * Reads a group's histories again from the log, up to the last event taken in, and swaps them in:
   * another replica deleted users from the log, and this one cannot tell whose events to forget.
   */
  public synchronized void rebuild(String datasetGroupArn) {
    LiveHistories rebuilt = new LiveHistories();
    long upTo = taken;
    long after = 0;
    while (true) {
      long from = after;
      List<StreamedEvent> page = db.read(tx -> EventLog.pageOfGroup(tx, datasetGroupArn, from, upTo, PAGE));
      if (page.isEmpty()) {
        break;
      }
      rebuilt.accept(page);
      after = page.get(page.size() - 1).seq();
    }
    histories.replace(datasetGroupArn, rebuilt);
  }

  private void catchUpSafely() {
    try {
      catchUp();
    } catch (RuntimeException e) {
      LOG.warn("could not read the events other replicas stored", e);
    }
  }

  private void take(List<StreamedEvent> events) {
    for (Map.Entry<String, Set<String>> e : histories.accept(events).entrySet()) {
      changed.accept(e.getKey(), e.getValue());
    }
    listeners.forEach(listener -> listener.accept(events));
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
    follower.ifPresent(ScheduledExecutorService::shutdownNow);
    writer.close();
  }
}
