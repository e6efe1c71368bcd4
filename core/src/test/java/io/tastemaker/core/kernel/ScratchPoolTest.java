package io.tastemaker.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScratchPoolTest {
  @Test
  void oneThreadReusesOneSet() {
    ScratchPool<float[]> pool = new ScratchPool<>(() -> new float[8], 4);
    float[] first = borrowAndRelease(pool);
    for (int k = 0; k < 10; k++) {
      assertSame(first, borrowAndRelease(pool));
    }
    assertEquals(1, pool.made());
  }

  @Test
  void manyThreadsNeverMakeMoreSetsThanTheCapacityNorShareOne() throws Exception {
    ScratchPool<int[]> pool = new ScratchPool<>(() -> new int[1], 2);
    AtomicInteger inUse = new AtomicInteger();
    AtomicInteger mostInUse = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int own = t + 1;
        results.add(threads.submit(() -> {
          start.await();
          int wrong = 0;
          for (int k = 0; k < 200; k++) {
            int[] set = pool.borrow();
            try {
              mostInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
              set[0] = own;
              Thread.yield();
              wrong += set[0] == own ? 0 : 1;
              inUse.decrementAndGet();
            } finally {
              pool.release(set);
            }
          }
          return wrong;
        }));
      }
      start.countDown();
      for (Future<Integer> r : results) {
        assertEquals(0, r.get(60, TimeUnit.SECONDS), "a set was written by two threads at once");
      }
    } finally {
      threads.shutdownNow();
    }
    assertTrue(pool.made() <= 2, "made " + pool.made() + " sets for a capacity of 2");
    assertTrue(mostInUse.get() <= 2, mostInUse.get() + " sets in use at once");
  }

  @Test
  void aNestedBorrowFailsInsteadOfWaitingOnItself() {
    ScratchPool<float[]> pool = new ScratchPool<>(() -> new float[1], 1);
    float[] outer = pool.borrow();
    IllegalStateException e = assertThrows(IllegalStateException.class, pool::borrow);
    assertTrue(e.getMessage().contains("already holds"), e.getMessage());
    pool.release(outer);
    // The refused borrow took nothing: the pool still lends its one set.
    assertSame(outer, borrowAndRelease(pool));
    assertEquals(1, pool.made());
  }

  @Test
  void aReleasedSetServesAnotherThread() throws Exception {
    ScratchPool<float[]> pool = new ScratchPool<>(() -> new float[1], 1);
    float[] mine = pool.borrow();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<float[]> theirs = other.submit(() -> borrowAndRelease(pool));
      // With the one set lent, the other thread waits for it.
      Thread.sleep(100);
      assertFalse(theirs.isDone(), "a second set was lent beyond the capacity");
      pool.release(mine);
      assertSame(mine, theirs.get(30, TimeUnit.SECONDS));
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void smallSetsFitOnePerServerThreadAndLargeOnesOnePerCore() {
    // MovieLens-1M's HRNN scratch: four arrays of 3,416 floats.
    assertEquals(ScratchPool.MAX_SETS, ScratchPool.capacityFor(4L * 4 * 3_416, 2));
    // A million items: 16 MB a set, four in the 64 MB budget.
    assertEquals(4, ScratchPool.capacityFor(4L * 4 * 1_000_000, 2));
    // Ten million items: the budget holds none, one per core is kept all the same.
    assertEquals(2, ScratchPool.capacityFor(4L * 4 * 10_000_000, 2));
    assertEquals(8, ScratchPool.capacityFor(4L * 4 * 10_000_000, 8));
    assertEquals(ScratchPool.capacityFor(4L * 3 * 1_000_000, Runtime.getRuntime().availableProcessors()), ScratchPool.floats(3, 1_000_000).capacity());
    assertEquals(0, ScratchPool.floats(3, 1_000_000).made(), "sets are made on first use");
  }

  @Test
  void setsOfArraysOfTheirOwnLengthsArePricedByTheirSum() {
    ScratchPool<float[][]> pool = ScratchPool.floats(new int[] {3, 1_000_000});
    assertEquals(ScratchPool.capacityFor(4L * 1_000_003, Runtime.getRuntime().availableProcessors()), pool.capacity());
    float[][] set = pool.borrow();
    try {
      assertEquals(2, set.length);
      assertEquals(3, set[0].length);
      assertEquals(1_000_000, set[1].length);
    } finally {
      pool.release(set);
    }
  }

  @Test
  void aSetThatCannotBeMadeTakesNothing() {
    int[] calls = {0};
    ScratchPool<float[]> pool = new ScratchPool<>(() -> {
      if (calls[0]++ == 0) {
        throw new OutOfMemoryError("no room for the set");
      }
      return new float[1];
    }, 1);
    assertThrows(OutOfMemoryError.class, pool::borrow);
    // The permit and the thread are free again: the next borrow makes the set.
    borrowAndRelease(pool);
    assertEquals(1, pool.made());
  }

  @Test
  void capacityMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScratchPool<>(() -> new float[1], 0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }

  /** Borrows a set and gives it straight back; returns it. */
  private static <T> T borrowAndRelease(ScratchPool<T> pool) {
    T set = pool.borrow();
    pool.release(set);
    return set;
  }
}
