package io.tastemaker.server.events;

import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds where a PutEvents call's {@code trackingId} sends its events: the tracker's dataset group and
 * that group's Interactions schema. Answers are kept a few seconds, so a stream of calls does not
 * read the database each time, and a deleted tracker stops working soon after.
 */
public final class EventTrackers {
  private static final long KEEP_NANOS = 2_000_000_000L;

  /** An ACTIVE tracker's destination. */
  public record Target(String datasetGroupArn, String interactionsDatasetArn, DatasetSchema schema, long readAt) {}

  private final ApiContext ctx;
  private final Map<String, Target> byTrackingId = new ConcurrentHashMap<>();

  public EventTrackers(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The destination of a tracking id, or an InvalidInputException saying why there is none. */
  public Target target(String trackingId) {
    Target known = byTrackingId.get(trackingId);
    if (known != null && System.nanoTime() - known.readAt() < KEEP_NANOS) {
      return known;
    }
    Target fresh = ctx.db().read(tx -> {
      Optional<Resource> tracker =
          ctx.resources().all(tx, ResourceKind.EVENT_TRACKER).stream().filter(t -> t.text("trackingId").orElse("").equals(trackingId)).findFirst();
      if (tracker.isEmpty() || !tracker.get().hasStatus(Status.ACTIVE)) {
        throw ApiException.invalidInput("No ACTIVE event tracker has the trackingId " + trackingId + ".");
      }
      String group = tracker.get().datasetGroupArn().orElseThrow();
      Resource interactions =
          ctx.resources().inGroup(tx, ResourceKind.DATASET, group).stream().filter(d -> d.arn().endsWith("/INTERACTIONS")).findFirst()
              .orElseThrow(() -> ApiException.invalidInput("The dataset group " + group + " has no Interactions dataset; create one before sending events."));
      DatasetSchema schema =
          DatasetSchemas.of(ctx, tx, interactions).orElseThrow(() -> ApiException.invalidInput("The Interactions dataset's schema no longer exists."));
      return new Target(group, interactions.arn(), schema, System.nanoTime());
    });
    byTrackingId.put(trackingId, fresh);
    return fresh;
  }
}
