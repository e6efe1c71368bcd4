package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** CreateEventTracker, DescribeEventTracker, ListEventTrackers and DeleteEventTracker. */
public final class EventTrackerOperations {
  private static final ResourceKind KIND = ResourceKind.EVENT_TRACKER;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public EventTrackerOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateEventTracker", this::create);
    registry.register("DescribeEventTracker", standard.describe(KIND));
    registry.register("ListEventTrackers", standard.list(KIND, Optional.of("datasetGroupArn")));
    registry.register("DeleteEventTracker", this::delete);
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    String groupArn = input.text("datasetGroupArn");
    String arn = ctx.arns().of(KIND, name);
    String trackingId = UUID.randomUUID().toString();
    ctx.db().write(tx -> {
      life.requireLiveParent(tx, ResourceKind.DATASET_GROUP, groupArn);
      List<Resource> existing = ctx.resources().inGroup(tx, KIND, groupArn);
      if (!existing.isEmpty()) {
        throw ApiException.alreadyExists(
            "The dataset group " + groupArn + " already has the event tracker " + existing.get(0).arn() + "; a group has at most one.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("accountId", ctx.accountId());
      attributes.put("trackingId", trackingId);
      attributes.put("datasetGroupArn", groupArn);
      Resource r = life.newResource(KIND, arn, name, Optional.of(groupArn), Optional.of(groupArn), attributes);
      life.insert(tx, r, name, input.raw("tags"), Optional.of(JobTypes.ACTIVATE));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("eventTrackerArn", arn);
    answer.put("trackingId", trackingId);
    return answer;
  }

  private JsonNode delete(Input input) {
    String arn = input.text("eventTrackerArn");
    ctx.db().write(tx -> {
      life.requestDeletion(tx, life.require(tx, KIND, arn));
      return null;
    });
    return Json.object();
  }
}
