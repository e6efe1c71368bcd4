package io.tastemaker.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a training's live heap peaks: every few seconds a full collection ({@code System.gc()}),
 * then the heap in use and what the job thread was doing, named by its innermost Tastemaker frames.
 *
 * <p>The scale benchmark's plain sampler reads what the collector kept after its latest collection,
 * which under G1 counts old-generation garbage that no concurrent cycle has reclaimed yet; a full
 * collection leaves only what is reachable, at the price of pauses, so this runs only when asked.
 */
final class LiveHeapSampler implements AutoCloseable {
  /** One sample: seconds since the start, live bytes after a full collection, and the job's phase. */
  record Sample(double seconds, long liveBytes, String phase) {}

  private final Thread thread;
  private final long started = System.nanoTime();
  private volatile Sample peak;

  LiveHeapSampler(double intervalSeconds) {
    thread = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep((long) (intervalSeconds * 1000));
        } catch (InterruptedException e) {
          return;
        }
        String phase = jobPhase();
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Sample sample = new Sample((System.nanoTime() - started) / 1e9, live, phase);
        if (peak == null || live > peak.liveBytes()) {
          peak = sample;
        }
        System.err.printf("live heap %7.0f s: %,6d MB in %s%n", sample.seconds(), live >> 20, phase);
      }
    }, "scale-live-heap");
    thread.setDaemon(true);
    thread.start();
  }

  /** The largest sample so far, or null. */
  Sample peak() {
    return peak;
  }

  /**
   * The innermost three Tastemaker frames of a thread running heavy jobs (training, imports, batch
   * jobs), or "idle"; the lease heartbeat and the poller are other job- threads and say nothing of the phase.
   */
  static String jobPhase() {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      if (!e.getKey().getName().startsWith("job-heavy")) {
        continue;
      }
      List<String> frames = new ArrayList<>();
      for (StackTraceElement frame : e.getValue()) {
        if (frame.getClassName().startsWith("io.tastemaker.") && frames.size() < 3) {
          String type = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
          frames.add(type + "." + frame.getMethodName());
        }
      }
      if (!frames.isEmpty()) {
        return String.join(" < ", frames);
      }
    }
    return "idle";
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
