package io.tastemaker.server.serving;

import io.tastemaker.core.nextbestaction.ActionEventType;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.events.RecordLog;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When users took actions by PutActionInteractions, per Action_Interactions dataset: what
 * REPEAT_FREQUENCY counts from, before the next training learns it. Read again only when the
 * dataset's records change.
 */
public final class StreamedActionTakings {
  private record Snapshot(RecordLog.Version version, Map<String, Map<String, Long>> byUser) {}

  private final ApiContext ctx;
  private final Map<String, Snapshot> byDataset = new ConcurrentHashMap<>();

  public StreamedActionTakings(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** A user's streamed Taken events: action id to the latest time, epoch seconds. */
  public Map<String, Long> of(String datasetArn, String userId) {
    return all(datasetArn).getOrDefault(userId, Map.of());
  }

  /** Every user's streamed Taken events, as {@link #of} gives one user's. */
  public Map<String, Map<String, Long>> all(String datasetArn) {
    RecordLog.Version version = ctx.db().read(tx -> RecordLog.version(tx, datasetArn));
    Snapshot snapshot = byDataset.get(datasetArn);
    if (snapshot == null || !snapshot.version().equals(version)) {
      Map<String, Map<String, Long>> byUser = new HashMap<>();
      ctx.db().read(tx -> RecordLog.load(tx, datasetArn)).values().forEach(fields -> {
        String user = fields.get("USER_ID");
        if (user != null && ActionEventType.parse(fields.getOrDefault("EVENT_TYPE", "")).orElse(null) == ActionEventType.TAKEN) {
          byUser.computeIfAbsent(user, u -> new HashMap<>()).merge(fields.get("ACTION_ID"), Long.parseLong(fields.get("TIMESTAMP")), Math::max);
        }
      });
      snapshot = new Snapshot(version, byUser);
      byDataset.put(datasetArn, snapshot);
    }
    return snapshot.byUser();
  }
}
