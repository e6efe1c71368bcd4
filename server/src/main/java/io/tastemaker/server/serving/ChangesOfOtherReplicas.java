package io.tastemaker.server.serving;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.events.EventStream;
import io.tastemaker.server.events.ReplicaChanges;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies to this replica's memory what another replica changed: records put reach the attribute
 * tables and metadata texts, a dataset whose data was replaced is loaded again on next use, and after
 * a data deletion the group's histories are read again from the log and its served models from their
 * rewritten files, as the replica that ran the deletion did.
 */
public final class ChangesOfOtherReplicas implements ReplicaChanges.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ChangesOfOtherReplicas.class);

  private final ApiContext ctx;
  private final GroupAttributes attributes;
  private final EventStream events;
  private final CampaignServing campaigns;
  private final RecommenderServing recommenders;

  public ChangesOfOtherReplicas(
      ApiContext ctx, GroupAttributes attributes, EventStream events, CampaignServing campaigns, RecommenderServing recommenders) {
    this.ctx = ctx;
    this.attributes = attributes;
    this.events = events;
    this.campaigns = campaigns;
    this.recommenders = recommenders;
  }

  @Override
  public void apply(ReplicaChanges.Change change) {
    switch (change.kind()) {
      case RECORDS_PUT -> attributes.putStored(change.subject(), change.firstRecord(), change.lastRecord());
      case DATASET_CHANGED -> attributes.reload(change.subject());
      case USERS_DELETED -> usersDeleted(change.subject());
    }
  }

  private void usersDeleted(String group) {
    LOG.info("users were deleted from {} through another replica; reading its events and models again", group);
    reread(group);
    for (Resource dataset : ctx.db().read(tx -> ctx.resources().inGroup(tx, ResourceKind.DATASET, group))) {
      attributes.reload(dataset.arn());
    }
  }

  @Override
  public void resync() {
    attributes.clear();
    for (Resource group : ctx.db().read(tx -> ctx.resources().all(tx, ResourceKind.DATASET_GROUP))) {
      reread(group.arn());
    }
  }

  /** Reads a group's event histories from the log and its served models from their files again. */
  private void reread(String group) {
    events.rebuild(group);
    campaigns.reload(group);
    recommenders.reload(group);
  }
}
