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
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** CreateDatasetGroup, DescribeDatasetGroup, ListDatasetGroups and DeleteDatasetGroup. */
public final class DatasetGroupOperations {
  private static final ResourceKind KIND = ResourceKind.DATASET_GROUP;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public DatasetGroupOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateDatasetGroup", this::create);
    registry.register("DescribeDatasetGroup", standard.describe(KIND));
    registry.register("ListDatasetGroups", standard.list(KIND, Optional.empty()));
    registry.register("DeleteDatasetGroup", this::delete);
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    if (input.has("kmsKeyArn") && !input.has("roleArn")) {
      throw ApiException.invalidInput("kmsKeyArn requires roleArn: give both or neither.");
    }
    ObjectNode attributes = Json.object();
    input.optionalText("roleArn").ifPresent(v -> attributes.put("roleArn", v));
    input.optionalText("kmsKeyArn").ifPresent(v -> attributes.put("kmsKeyArn", v));
    input.optionalText("domain").ifPresent(v -> attributes.put("domain", v));
    String arn = ctx.arns().of(KIND, name);
    Resource r = life.newResource(KIND, arn, name, Optional.empty(), Optional.of(arn), attributes);
    ctx.db().write(tx -> {
      if (ctx.resources().all(tx, KIND).size() >= ctx.quotas().datasetGroups()) {
        throw ApiException.limitExceeded("More than " + ctx.quotas().datasetGroups() + " dataset groups exist; delete some first.");
      }
      life.insert(tx, r, name, input.raw("tags"), Optional.of(JobTypes.ACTIVATE));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("datasetGroupArn", arn);
    input.optionalText("domain").ifPresent(v -> answer.put("domain", v));
    return answer;
  }

  private JsonNode delete(Input input) {
    String arn = input.text("datasetGroupArn");
    ctx.db().write(tx -> {
      Resource group = life.require(tx, KIND, arn);
      for (ResourceKind dependent : List.of(ResourceKind.RECOMMENDER, ResourceKind.DATASET, ResourceKind.SOLUTION, ResourceKind.EVENT_TRACKER)) {
        requireNone(tx, arn, dependent);
      }
      life.requestDeletion(tx, group);
      return null;
    });
    return Json.object();
  }

  private void requireNone(Transaction tx, String groupArn, ResourceKind kind) throws SQLException {
    long remaining =
        ctx.resources().inGroup(tx, kind, groupArn).stream()
            .filter(r -> r.status().map(s -> !Status.DELETING.contains(s)).orElse(true))
            .count();
    if (remaining > 0) {
      throw ApiException.inUse(
          "The dataset group " + groupArn + " still has " + remaining + " " + kind.label() + "(s); delete them first.");
    }
  }
}
