package io.tastemaker.bench.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;

/**
 * Concurrent PutEvents clients, each sending calls of one to ten events with unique ids until stopped
 * (or until the server dies under them), keeping the id of every event the server acknowledged.
 */
final class EventBurst {
  static final int CLIENTS = 32;

  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  /** Starts the clients; ids and users carry {@code label} so that bursts never share them. */
  static EventBurst start(PersonalizeEventsClient events, String trackingId, String label, int items, long seed) {
    EventBurst burst = new EventBurst();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      Thread t = new Thread(() -> burst.send(events, trackingId, label + "-c" + client, items, new SplittableRandom(seed * 1_000 + client)), "burst-" + client);
      t.setDaemon(true);
      t.start();
      burst.threads.add(t);
    }
    return burst;
  }

  private void send(PersonalizeEventsClient events, String trackingId, String user, int items, SplittableRandom random) {
    long sent = 0;
    while (!stop.get()) {
      List<Event> list = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int e = 1 + random.nextInt(10); e > 0; e--) {
        String id = user + "-" + sent++;
        ids.add(id);
        list.add(Event.builder().eventId(id).eventType("click").itemId("i" + random.nextInt(items)).sentAt(Instant.ofEpochSecond(SyntheticShop.START + 50_000_000 + sent)).build());
      }
      try {
        events.putEvents(r -> r.trackingId(trackingId).userId(user).sessionId(user).eventList(list));
      } catch (RuntimeException e) {
        return; // the server went away: what was not acknowledged may or may not be stored
      }
      acknowledged.addAll(ids);
    }
  }

  /** Stops the clients and returns the ids the server acknowledged. */
  Set<String> stop() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join(120_000);
    }
    return Set.copyOf(acknowledged);
  }
}
