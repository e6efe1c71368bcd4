package io.tastemaker.server.work;

import io.tastemaker.core.data.Segment;
import io.tastemaker.core.nextbestaction.ActionCatalog;
import io.tastemaker.core.nextbestaction.ActionData;
import io.tastemaker.core.nextbestaction.ActionEvents;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Arns;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A group's Actions and Action_Interactions datasets as Next-Best-Action trains on them: imported
 * segments, then the records PutActions and PutActionInteractions stored.
 */
final class ActionDatasets {
  private ActionDatasets() {}

  static ActionData load(ApiContext ctx, String groupArn) {
    Optional<Resource> actions = dataset(ctx, groupArn, "ACTIONS");
    if (actions.isEmpty()) {
      return ActionData.NONE;
    }
    ActionCatalog catalog = ActionCatalog.of(DatasetContents.load(ctx, actions.get()), ctx.db().read(tx -> RecordLog.load(tx, actions.get().arn())));
    Optional<Resource> interactions = dataset(ctx, groupArn, "ACTION_INTERACTIONS");
    if (interactions.isEmpty()) {
      return new ActionData(catalog, ActionEvents.NONE);
    }
    List<Segment> imported = DatasetContents.load(ctx, interactions.get());
    Map<String, Map<String, String>> put = ctx.db().read(tx -> RecordLog.load(tx, interactions.get().arn()));
    return new ActionData(catalog, ActionEvents.of(imported, put.values(), catalog));
  }

  private static Optional<Resource> dataset(ApiContext ctx, String groupArn, String type) {
    return ctx.db().read(tx -> ctx.resources().find(tx, ctx.arns().dataset(Arns.resourceName(groupArn), type)));
  }
}
