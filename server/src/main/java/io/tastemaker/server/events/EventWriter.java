package io.tastemaker.server.events;

import io.tastemaker.server.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores PutEvents calls durably with group commit: one thread takes every call waiting, writes them
 * all in one transaction (one sync to disk), tells the listener about the new events, and only then
 * answers the callers. Under load, many calls share a commit; alone, a call costs one commit.
 *
 * <p>Each commit numbers its events after the highest seq stored, inside its transaction: replicas
 * on one database write events too, and the writer lock orders their commits, so seqs never collide
 * and follow the order of commits.
 */
public final class EventWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);
  /** Most calls written in one transaction. */
  private static final int MAX_CALLS_PER_COMMIT = 2_000;

  private final Database db;
  private final Consumer<List<StreamedEvent>> listener;
  private final BlockingQueue<Call> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  private record Call(List<StreamedEvent> events, CompletableFuture<boolean[]> done) {}

  /** @param listener hears every newly stored event, in seq order, before its caller is answered */
  public EventWriter(Database db, Consumer<List<StreamedEvent>> listener) {
    this.db = db;
    this.listener = listener;
    this.thread = new Thread(this::run, "event-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stores events; the future says which were new (a repeated event id is not stored again). */
  public CompletableFuture<boolean[]> write(List<StreamedEvent> events) {
    CompletableFuture<boolean[]> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("the server is shutting down"));
      return done;
    }
    queue.add(new Call(List.copyOf(events), done));
    return done;
  }

  private void run() {
    List<Call> calls = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Call first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        calls.add(first);
        queue.drainTo(calls, MAX_CALLS_PER_COMMIT - 1);
        commit(calls);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        calls.clear();
      }
    }
  }

  private void commit(List<Call> calls) {
    List<StreamedEvent> ordered = new ArrayList<>();
    boolean[] stored;
    try {
      stored = db.write(tx -> {
        ordered.clear();
        long seq = EventLog.lastSeq(tx) + 1;
        for (Call call : calls) {
          for (StreamedEvent e : call.events()) {
            ordered.add(e.withSeq(seq++));
          }
        }
        return EventLog.append(tx, ordered);
      });
    } catch (RuntimeException e) {
      LOG.error("could not store {} events", calls.stream().mapToInt(c -> c.events().size()).sum(), e);
      calls.forEach(c -> c.done().completeExceptionally(e));
      return;
    }
    List<StreamedEvent> fresh = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      if (stored[i]) {
        fresh.add(ordered.get(i));
      }
    }
    try {
      listener.accept(fresh);
    } catch (RuntimeException e) {
      LOG.error("a listener failed on {} stored events", fresh.size(), e);
    }
    int at = 0;
    for (Call call : calls) {
      boolean[] mine = java.util.Arrays.copyOfRange(stored, at, at + call.events().size());
      at += call.events().size();
      call.done().complete(mine);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.join(5_000);
  }
}
