package io.tastemaker.core.kernel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Catalogue-sized scratch space that a model lends to one scoring call at a time, so that a request
 * allocates nothing per item. A pool keeps at most {@link #BUDGET_BYTES} of sets, and at least one
 * set per core, however many threads score: a thread-local set stayed with every thread that ever
 * scored (a web server's pool grows to hundreds of threads, each holding tens of megabytes at a
 * million items) and outlived the model in each thread's map. A call that finds every set in use
 * waits for one, as it would wait for a core; small catalogues' sets are small enough that one per
 * server thread fits the budget, so their requests never wait. Sets are made on first use and go
 * with the pool.
 */
public final class ScratchPool<T> {
  /** The memory a pool's sets may take when that is more than one set per core. */
  static final long BUDGET_BYTES = 64L << 20;
  /** The most sets a pool keeps, however small: more than a web server's threads. */
  static final int MAX_SETS = 256;
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private final Supplier<T> factory;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();
  /** The threads holding a set: a second borrow by one of them would wait on itself. */
  private final Set<Thread> holders = ConcurrentHashMap.newKeySet();
  private final int capacity;
  private final AtomicInteger made = new AtomicInteger();

  /** The sets a pool keeps: as many as {@link #BUDGET_BYTES} holds, at least one per core, at most {@link #MAX_SETS}. */
  static int capacityFor(long bytesPerSet, int cores) {
    long fit = BUDGET_BYTES / Math.max(1, bytesPerSet);
    return (int) Math.max(cores, Math.min(MAX_SETS, fit));
  }

  /** Sets of {@code arrays} float arrays of {@code length} each. */
  public static ScratchPool<float[][]> floats(int arrays, int length) {
    return new ScratchPool<>(() -> new float[arrays][length], capacityFor(4L * arrays * length, CORES));
  }

  /** Sets of one float array of each of the given lengths. */
  public static ScratchPool<float[][]> floats(int[] lengths) {
    long bytes = 0;
    for (int length : lengths) {
      bytes += 4L * length;
    }
    int[] copy = lengths.clone();
    return new ScratchPool<>(() -> {
      float[][] set = new float[copy.length][];
      for (int k = 0; k < copy.length; k++) {
        set[k] = new float[copy[k]];
      }
      return set;
    }, capacityFor(bytes, CORES));
  }

  /** Sets of one float array of {@code length}. */
  public static ScratchPool<float[]> floats(int length) {
    return new ScratchPool<>(() -> new float[length], capacityFor(4L * length, CORES));
  }

  /** A pool of at most {@code capacity} sets. */
  ScratchPool(Supplier<T> factory, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.factory = factory;
    this.capacity = capacity;
    this.permits = new Semaphore(capacity);
  }

  /**
   * A set of this thread's own until {@link #release}, which must follow in a {@code finally}: the
   * set may be overwritten by the next borrower as soon as it is back. Borrow and release rather
   * than a lambda: a lambda puts three frames between a request and its kernels, and the Vector
   * API's intrinsics need their inlining depth (a JIT log of a slow run of a lambda version showed
   * them refused as too deep).
   *
   * @throws IllegalStateException when this thread already holds a set of this pool
   */
  public T borrow() {
    Thread self = Thread.currentThread();
    if (!holders.add(self)) {
      throw new IllegalStateException("the thread already holds scratch space from this pool; a nested call would wait on itself");
    }
    permits.acquireUninterruptibly();
    try {
      T scratch = idle.poll();
      if (scratch == null) {
        scratch = factory.get();
        made.incrementAndGet();
      }
      return scratch;
    } catch (RuntimeException | Error e) {
      // A set that could not be made (out of memory) takes no permit and leaves the thread free to ask again.
      permits.release();
      holders.remove(self);
      throw e;
    }
  }

  /** Gives back a set that {@link #borrow} lent this thread. */
  public void release(T scratch) {
    idle.offer(scratch);
    permits.release();
    holders.remove(Thread.currentThread());
  }

  /** The most sets this pool keeps. */
  int capacity() {
    return capacity;
  }

  /** How many sets have been made so far (never more than {@link #capacity()}). */
  int made() {
    return made.get();
  }
}
