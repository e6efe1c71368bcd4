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
import io.tastemaker.core.filter.DatasetField;
import io.tastemaker.core.filter.FilterExpression;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** CreateFilter, DescribeFilter, ListFilters and DeleteFilter. */
public final class FilterOperations {
  private static final ResourceKind KIND = ResourceKind.FILTER;
  /** Distinct dataset fields across a group's filters (Personalize's quota table says 10). */
  static final int MAX_FIELDS_PER_GROUP = 10;

  private final ApiContext ctx;
  private final ResourceLifecycle life;
  private final FilterCheck check;

  public FilterOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
    this.check = new FilterCheck(ctx);
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
      life.requireLiveParent(tx, ResourceKind.DATASET_GROUP, groupArn);
      List<Resource> existing = ctx.resources().inGroup(tx, KIND, groupArn);
      if (existing.size() >= ctx.quotas().filtersPerGroup()) {
        throw ApiException.limitExceeded("The dataset group already has " + existing.size() + " filters; delete some first.");
      }
      FilterExpression parsed = check.check(tx, groupArn, expression);
      checkFieldsOfGroup(parsed, existing);
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

  /** Personalize's limit on the distinct dataset fields all filters of a group use. */
  private static void checkFieldsOfGroup(FilterExpression parsed, List<Resource> existing) {
    Set<DatasetField> fields = new TreeSet<>(java.util.Comparator.comparing(DatasetField::toString));
    fields.addAll(parsed.fields());
    for (Resource other : existing) {
      try {
        fields.addAll(FilterExpression.parse(other.text("filterExpression").orElseThrow()).fields());
      } catch (IllegalArgumentException e) {
        // A filter stored before expressions were checked counts for nothing.
      }
    }
    if (fields.size() > MAX_FIELDS_PER_GROUP) {
      throw ApiException.limitExceeded(
          "The filters of a dataset group may use at most " + MAX_FIELDS_PER_GROUP + " distinct dataset fields; with this one they would use " + fields.size()
              + ": " + fields + ".");
    }
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
