package io.tastemaker.server.jobs;

import java.util.function.BooleanSupplier;

/**
 * Whether the job a thread runs was cancelled: its replica lost the job's lease (another replica may
 * run it now). Long loops (training, imports) ask it between steps and stop; the job's thread is
 * interrupted as well, and its writes are refused ({@link LeaseLostException}).
 */
public final class JobCancellation {
  private static final BooleanSupplier NEVER = () -> false;
  private static final ThreadLocal<BooleanSupplier> CURRENT = new ThreadLocal<>();

  private JobCancellation() {}

  /** The cancellation of the job this thread runs, to ask from any thread; never cancelled outside a job. */
  public static BooleanSupplier ofThisThread() {
    BooleanSupplier current = CURRENT.get();
    return current == null ? NEVER : current;
  }

  /** Throws {@link LeaseLostException} when the job this thread runs was cancelled. */
  public static void check() {
    if (ofThisThread().getAsBoolean()) {
      throw new LeaseLostException("the job's lease was lost; another replica may run it");
    }
  }

  static void set(BooleanSupplier cancelled) {
    CURRENT.set(cancelled);
  }

  static void clear() {
    CURRENT.remove();
  }
}
