package io.tastemaker.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    float[] first = pool.apply(s -> s);
    for (int k = 0; k < 10; k++) {
      assertSame(first, pool.apply(s -> s));
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
            wrong += pool.apply(set -> {
              mostInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
              set[0] = own;
              Thread.yield();
              int seen = set[0];
              inUse.decrementAndGet();
              return seen == own ? 0 : 1;
            });
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
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.apply(outer -> pool.apply(inner -> inner)));
    assertTrue(e.getMessage().contains("already holds"), e.getMessage());
    // The failed call gave its set back: the pool still serves.
    assertEquals(Integer.valueOf(1), pool.apply(s -> s.length));
  }

  @Test
  void aFailingCallGivesItsSetBack() {
    ScratchPool<float[]> pool = new ScratchPool<>(() -> new float[1], 1);
    assertThrows(ArithmeticException.class, () -> pool.run(s -> {
      throw new ArithmeticException("boom");
    }));
    assertEquals(Integer.valueOf(1), pool.apply(s -> s.length));
    assertEquals(1, pool.made());
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
  void capacityMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScratchPool<>(() -> new float[1], 0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }
}
