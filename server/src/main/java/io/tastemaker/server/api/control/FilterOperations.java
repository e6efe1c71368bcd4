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
import java.util.Optional;

/** CreateFilter, DescribeFilter, ListFilters and DeleteFilter. */
public final class FilterOperations {
  private static final ResourceKind KIND = ResourceKind.FILTER;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public FilterOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateFilter", this::create);
    registry.register("DescribeFilter", standard.describe(KIND));
    registry.register("ListFilters", standard.list(KIND, Optional.of("datasetGroupArn")));
    registry.register("DeleteFilter", this::delete);
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    String groupArn = input.text("datasetGroupArn");
    String expression = input.text("filterExpression");
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      life.requireStatus(tx, ResourceKind.DATASET_GROUP, groupArn, Status.ACTIVE);
      long filters = ctx.resources().inGroup(tx, KIND, groupArn).size();
      if (filters >= ctx.quotas().filtersPerGroup()) {
        throw ApiException.limitExceeded("The dataset group already has " + filters + " filters; delete some first.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("datasetGroupArn", groupArn);
      attributes.put("filterExpression", expression);
      Resource r = life.newResource(KIND, arn, name, Optional.of(groupArn), Optional.of(groupArn), attributes);
      life.insert(tx, r, name, input.raw("tags"), Optional.of(JobTypes.ACTIVATE));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("filterArn", arn);
    return answer;
  }

  private JsonNode delete(Input input) {
    String arn = input.text("filterArn");
    ctx.db().write(tx -> {
      life.requestDeletion(tx, life.require(tx, KIND, arn));
      return null;
    });
    return Json.object();
  }
}
