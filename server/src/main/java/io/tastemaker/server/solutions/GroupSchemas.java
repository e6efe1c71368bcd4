package io.tastemaker.server.solutions;

import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetSchemas;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.store.Transaction;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The schemas of a dataset group's datasets, by upper-case dataset type, for those that exist. */
public final class GroupSchemas {
  private GroupSchemas() {}

  public static Map<String, DatasetSchema> of(ApiContext ctx, Transaction tx, String groupArn) throws SQLException {
    Map<String, DatasetSchema> out = new HashMap<>();
    String group = Arns.resourceName(groupArn);
    for (String type : TrainingDataConfigMember.TYPES) {
      Optional<Resource> dataset = ctx.resources().find(tx, ctx.arns().dataset(group, type));
      if (dataset.isPresent()) {
        Optional<DatasetSchema> schema = DatasetSchemas.of(ctx, tx, dataset.get());
        if (schema.isPresent()) {
          out.put(type, schema.get());
        }
      }
    }
    return Map.copyOf(out);
  }

  public static Map<String, DatasetSchema> of(ApiContext ctx, String groupArn) {
    return ctx.db().read(tx -> of(ctx, tx, groupArn));
  }
}
