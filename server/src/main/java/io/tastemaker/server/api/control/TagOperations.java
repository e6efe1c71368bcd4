package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import java.sql.SQLException;
import java.util.Map;

/** TagResource, UntagResource and ListTagsForResource, for every resource with an ARN. */
public final class TagOperations {
  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public TagOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry) {
    registry.register("TagResource", this::tag);
    registry.register("UntagResource", this::untag);
    registry.register("ListTagsForResource", this::list);
  }

  private Resource require(Transaction tx, String arn) throws SQLException {
    return ctx.resources().find(tx, arn).orElseThrow(() -> ApiException.notFound("Resource " + arn + " does not exist."));
  }

  private JsonNode tag(Input input) {
    String arn = input.text("resourceArn");
    ctx.db().write(tx -> {
      require(tx, arn);
      life.addTags(tx, arn, input.raw("tags").orElse(Json.array()));
      return null;
    });
    return Json.object();
  }

  private JsonNode untag(Input input) {
    String arn = input.text("resourceArn");
    JsonNode keys = input.raw("tagKeys").orElse(Json.array());
    if (keys.size() > ctx.quotas().tagKeysPerResource()) {
      throw new ApiException(
          ErrorType.TOO_MANY_TAG_KEYS, "At most " + ctx.quotas().tagKeysPerResource() + " tag keys can be removed at once, got " + keys.size() + ".");
    }
    ctx.db().write(tx -> {
      require(tx, arn);
      for (JsonNode key : keys) {
        ctx.tags().remove(tx, arn, key.asText());
      }
      return null;
    });
    return Json.object();
  }

  private JsonNode list(Input input) {
    String arn = input.text("resourceArn");
    Map<String, String> tags =
        ctx.db().read(tx -> {
          require(tx, arn);
          return ctx.tags().tags(tx, arn);
        });
    ObjectNode answer = Json.object();
    ArrayNode list = answer.putArray("tags");
    tags.forEach((k, v) -> list.addObject().put("tagKey", k).put("tagValue", v));
    return answer;
  }
}
