package io.tastemaker.server.serving;

import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.trending.LiveTrending;
import io.tastemaker.core.trending.TrendingModel;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.events.StreamedEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keeps served trending models (aws-trending-now campaigns, "Trending now" recommenders) moving with
 * the events streamed to their dataset group: a model is served as a {@link LiveTrending} that
 * first takes the events streamed since it was trained, then every new one, so trends change
 * without retraining.
 */
public final class LiveTrends {
  /** One served trending model and the newest event it has counted. */
  private static final class Tracked {
    final String datasetGroupArn;
    final LiveTrending live;
    final Predicate<String> eventTypes;
    long counted;

    Tracked(String datasetGroupArn, LiveTrending live, Predicate<String> eventTypes, long counted) {
      this.datasetGroupArn = datasetGroupArn;
      this.live = live;
      this.eventTypes = eventTypes;
      this.counted = counted;
    }

    void take(StreamedEvent e) {
      if (e.seq() > counted && e.itemId().isPresent() && eventTypes.test(e.eventType())) {
        live.record(e.itemId().get(), e.sentAt());
      }
      counted = Math.max(counted, e.seq());
    }
  }

  private final ApiContext ctx;
  private final Map<String, Tracked> served = new ConcurrentHashMap<>();

  public LiveTrends(ApiContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The model to serve under {@code key} (a campaign or recommender): a trending model with its live
   * counts, any other model as it is.
   *
   * @param eventWatermark the last event seq the model trained on
   * @param eventTypes the event types the model counts
   */
  public synchronized Recommender serve(String key, String datasetGroupArn, Recommender model, long eventWatermark, Predicate<String> eventTypes) {
    if (!(model instanceof TrendingModel trending)) {
      served.remove(key);
      return model;
    }
    Tracked known = served.get(key);
    if (known != null && known.live.trained() == trending) {
      // The same model loaded again for the same campaign (a request racing a deployment): one live view.
      return known.live;
    }
    // Under this lock no new event is counted, so the events read here and those heard later meet without a gap or a repeat.
    long newest = ctx.db().read(EventLog::lastSeq);
    Tracked tracked = new Tracked(datasetGroupArn, trending.live(), eventTypes, eventWatermark);
    ctx.db().read(tx -> EventLog.between(tx, datasetGroupArn, eventWatermark, newest)).forEach(tracked::take);
    tracked.counted = Math.max(tracked.counted, newest);
    served.put(key, tracked);
    return tracked.live;
  }

  /** Counts newly stored events in the trending models of their groups. */
  public synchronized void accept(List<StreamedEvent> events) {
    for (Tracked tracked : served.values()) {
      for (StreamedEvent e : events) {
        if (e.datasetGroupArn().equals(tracked.datasetGroupArn)) {
          tracked.take(e);
        }
      }
    }
  }

  /** Stops counting for a campaign or recommender that no longer serves. */
  public void forget(String key) {
    served.remove(key);
  }
}
