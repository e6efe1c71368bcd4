package io.tastemaker.server.work;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.userpersonalization.UserPersonalizationModel;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.events.StreamedEvent;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.ServedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personalize's automatic updates for aws-user-personalization: every {@code --new-items-interval}
 * (two hours by default, as Personalize does it) each campaign serving such a model takes in, without
 * retraining, the Items dataset's items the model does not know (from their metadata, as trainingMode
 * UPDATE adds them) and the impressions and interactions streamed since the model was trained, which
 * exploration's estimates count. Each refresh starts again from the version's own model, so nothing is
 * counted twice; the served model is swapped in one step with an empty answer cache.
 */
public final class NewItemsRefresh implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NewItemsRefresh.class);

  private final ApiContext ctx;
  private final CampaignServing serving;
  private final ScheduledExecutorService timer;

  private NewItemsRefresh(ApiContext ctx, CampaignServing serving, ScheduledExecutorService timer) {
    this.ctx = ctx;
    this.serving = serving;
    this.timer = timer;
  }

  /** Refreshes every {@code interval}; a zero interval never does (refreshAll still works). */
  public static NewItemsRefresh every(ApiContext ctx, CampaignServing serving, Duration interval) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "new-items-refresh");
      t.setDaemon(true);
      return t;
    });
    NewItemsRefresh refresh = new NewItemsRefresh(ctx, serving, timer);
    if (!interval.isZero()) {
      long millis = interval.toMillis();
      timer.scheduleWithFixedDelay(refresh::refreshAllLogged, millis, millis, TimeUnit.MILLISECONDS);
    }
    return refresh;
  }

  private void refreshAllLogged() {
    try {
      refreshAll();
    } catch (RuntimeException e) {
      LOG.warn("refreshing the campaigns' new items failed; the next interval tries again: {}", e.toString());
    }
  }

  /** Refreshes every campaign that serves an aws-user-personalization model; returns how many took in something new. */
  public int refreshAll() {
    int refreshed = 0;
    for (ServedModel served : serving.servedModels()) {
      if (served.model() instanceof UserPersonalizationModel current) {
        Recommender base = serving.versionModel(served.solutionVersionArn());
        if (base instanceof UserPersonalizationModel model) {
          UserPersonalizationModel updated = updated(model, served);
          // Only news replaces what serves: a swap empties the campaign's answer cache.
          boolean news = updated.items().size() != current.items().size() || updated.evidence() != current.evidence()
              || updated.latestInteraction() != current.latestInteraction();
          if (news && serving.refresh(served, updated)) {
            refreshed++;
            LOG.info("campaign {} took in new items and evidence: {} items (the version has {})", served.campaignArn(), updated.items().size(),
                model.items().size());
          }
        }
      }
    }
    return refreshed;
  }

  private UserPersonalizationModel updated(UserPersonalizationModel model, ServedModel served) {
    String group = served.datasetGroupArn();
    String groupName = Arns.resourceName(group);
    Optional<Resource> itemsDataset = ctx.db().read(tx -> ctx.resources().find(tx, ctx.arns().dataset(groupName, "ITEMS")));
    DatasetMetadata items = DatasetMetadata.load(ctx, itemsDataset, "ITEM_ID");
    UserPersonalizationModel grown = model.withNewItems(items.metadata(), items.metadata().ids(), items.creation());
    long watermark = served.eventWatermark();
    List<StreamedEvent> events = ctx.db().read(tx -> EventLog.load(tx, group, EventLog.lastSeq(tx)));
    List<Impressions.Shown> shown = new ArrayList<>();
    List<String> withoutImpression = new ArrayList<>();
    long latest = Long.MIN_VALUE;
    for (StreamedEvent e : events) {
      if (e.seq() <= watermark || e.itemId().isEmpty()) {
        continue;
      }
      latest = Math.max(latest, e.sentAt());
      if (e.impression().isPresent() && !Impressions.split(e.impression().get()).isEmpty()) {
        shown.add(new Impressions.Shown(e.userId().orElse(e.sessionId()), e.itemId().get(), Impressions.split(e.impression().get()), e.sentAt()));
      } else {
        withoutImpression.add(e.itemId().get());
      }
    }
    return grown.withEvidence(new Impressions(shown), withoutImpression, latest);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
