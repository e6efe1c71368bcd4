package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A running job's progress, shown in its resource's {@code progress} member while the resource is
 * CREATE IN_PROGRESS: written at most once a second by {@link #offer}, at once by {@link #write}.
 */
final class ProgressMember {
  static final String NAME = "progress";
  private static final long EVERY_NANOS = 1_000_000_000L;

  private final ApiContext ctx;
  private final String arn;
  // The first offer waits a second too: a job that ends sooner needs no progress write (each is a durable transaction).
  private long lastWrite = System.nanoTime();

  ProgressMember(ApiContext ctx, String arn) {
    this.ctx = ctx;
    this.arn = arn;
  }

  /** Writes the progress {@code fill} describes when a second has passed since the last write. */
  synchronized void offer(Consumer<ObjectNode> fill) {
    if (System.nanoTime() - lastWrite >= EVERY_NANOS) {
      write(fill);
    }
  }

  /** Writes the progress {@code fill} describes now. */
  synchronized void write(Consumer<ObjectNode> fill) {
    lastWrite = System.nanoTime();
    ctx.db().write(tx -> {
      Optional<Resource> r = ctx.resources().find(tx, arn);
      if (r.isPresent() && r.get().hasStatus(Status.CREATE_IN_PROGRESS)) {
        ObjectNode attributes = r.get().attributes();
        fill.accept(attributes.putObject(NAME));
        ctx.resources().update(tx, r.get().withAttributes(attributes, ctx.clock().instant()));
      }
      return null;
    });
  }
}
