package io.tastemaker.server.work;

import io.tastemaker.core.data.Segment;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.events.StreamedSegments;
import io.tastemaker.server.resources.Resource;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;

/** The interactions a training run reads: the Interactions dataset's imported segments, then the events streamed up to a watermark. */
final class InteractionSegments {
  private InteractionSegments() {}

  /**
   * A queue that reading the interactions empties, so that each segment's columns become garbage
   * once read; the imported segments are read first, so that a damaged file is the one reported.
   */
  static Queue<Segment> load(ApiContext ctx, Optional<Resource> interactions, Optional<DatasetSchema> schema, String groupArn, long watermark) {
    Queue<Segment> segments = new ArrayDeque<>(interactions.map(d -> DatasetContents.load(ctx, d)).orElse(java.util.List.of()));
    if (schema.isPresent()) {
      StreamedSegments.ofEvents(ctx.db().read(tx -> EventLog.load(tx, groupArn, watermark)), schema.get()).ifPresent(segments::add);
    }
    return segments;
  }
}
