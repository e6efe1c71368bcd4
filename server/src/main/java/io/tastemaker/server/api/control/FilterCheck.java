package io.tastemaker.server.api.control;

import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.FilterSchemaException;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Checks a filter expression's grammar and its fields against a dataset group's schemas, as CreateFilter does. */
public final class FilterCheck {
  private final ApiContext ctx;

  public FilterCheck(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The expression parsed and checked; an InvalidInputException that points at the problem otherwise. */
  public FilterExpression check(Transaction tx, String groupArn, String expression) throws SQLException {
    FilterExpression parsed = parse(expression);
    try {
      parsed.checkAgainst(schemas(tx, groupArn));
    } catch (FilterSchemaException e) {
      throw ApiException.invalidInput("Invalid filter expression: " + e.getMessage());
    }
    return parsed;
  }

  /** The expression parsed, or an InvalidInputException that points at the problem. */
  static FilterExpression parse(String expression) {
    try {
      return FilterExpression.parse(expression);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidInput(e.getMessage());
    }
  }

  /** The schemas of the group's datasets, by dataset type as filters name them (Items, Users, Interactions). */
  private Map<String, DatasetSchema> schemas(Transaction tx, String groupArn) throws SQLException {
    Map<String, DatasetSchema> schemas = new HashMap<>();
    for (Resource dataset : ctx.resources().inGroup(tx, ResourceKind.DATASET, groupArn)) {
      String type = DatasetType.parse(dataset.arn().substring(dataset.arn().lastIndexOf('/') + 1)).wireName();
      DatasetSchemas.of(ctx, tx, dataset).ifPresent(s -> schemas.put(type, s));
    }
    return schemas;
  }
}
