package io.tastemaker.server.work;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.ResourceStore;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits for the parent a resource was created under while the parent was still being created
 * (Personalize accepts CreateSolutionVersion on a solution that is CREATE PENDING, CreateDataset in
 * a dataset group that is, ...): the child's job goes on once the parent is ACTIVE and fails,
 * saying why, when the parent fails or is deleted instead.
 *
 * <p>Parents come to life in lifecycle jobs that take milliseconds and were queued before the
 * child's, so the wait is short; it is bounded all the same.
 */
final class ParentActivation {
  /** How long a child waits for its parent before it gives up. */
  static final Duration LIMIT = Duration.ofMinutes(10);

  private static final long POLL_MILLIS = 20;

  private ParentActivation() {}

  /**
   * Returns once the parent is ACTIVE (at once when it already is, or when it has no status).
   *
   * @param child what waits, for messages, such as "solution version arn:..."
   * @throws JobFailure when the parent ends CREATE FAILED, is deleted, or is not ACTIVE in time
   */
  static void await(ApiContext ctx, String parentArn, String child) throws JobFailure {
    await(ctx.db(), ctx.resources(), parentArn, child, LIMIT);
  }

  /** As {@link #await(ApiContext, String, String)}, on a database, giving up after {@code limit}. */
  static void await(Database db, ResourceStore resources, String parentArn, String child, Duration limit) throws JobFailure {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<Resource> parent = db.read(tx -> resources.find(tx, parentArn));
      if (parent.isEmpty()) {
        throw new JobFailure("The " + child + " was created in " + parentArn + ", which was deleted before it became ACTIVE.");
      }
      Resource p = parent.get();
      if (p.status().isEmpty() || p.hasStatus(Status.ACTIVE)) {
        return;
      }
      if (!p.hasStatus(Status.CREATE_PENDING) && !p.hasStatus(Status.CREATE_IN_PROGRESS)) {
        throw new JobFailure(
            "The " + child + " was created in the " + p.kind().label() + " " + parentArn + " before it was ACTIVE, and it ended "
                + p.statusOrEmpty() + p.failureReason().map(r -> ": " + r).orElse("."));
      }
      if (System.nanoTime() > deadline) {
        throw new JobFailure(
            "The " + p.kind().label() + " " + parentArn + " was still " + p.statusOrEmpty() + " after " + limit.toSeconds()
                + " s; the " + child + " created in it gave up waiting for it to become ACTIVE.");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JobFailure("Interrupted while waiting for " + parentArn + " to become ACTIVE.", e);
      }
    }
  }
}
