package io.tastemaker.server.datasets;

import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.store.Transaction;
import java.sql.SQLException;
import java.util.Optional;

/** The schema a dataset was created with, parsed; empty when the schema no longer exists. */
public final class DatasetSchemas {
  private DatasetSchemas() {}

  /** The dataset's schema, read in the caller's transaction. */
  public static Optional<DatasetSchema> of(ApiContext ctx, Transaction tx, Resource dataset) throws SQLException {
    return ctx.resources().find(tx, dataset.text("schemaArn").orElseThrow()).map(s -> AvroSchemaParser.parse(s.text("schema").orElseThrow()));
  }

  /** The dataset's schema. */
  public static Optional<DatasetSchema> of(ApiContext ctx, Resource dataset) {
    return ctx.db().read(tx -> of(ctx, tx, dataset));
  }

  /** The schema of the dataset with this ARN, when the dataset and its schema exist. */
  public static Optional<DatasetSchema> ofDataset(ApiContext ctx, String datasetArn) {
    return ctx.db().read(tx -> {
      Optional<Resource> dataset = ctx.resources().find(tx, datasetArn);
      return dataset.isEmpty() ? Optional.<DatasetSchema>empty() : of(ctx, tx, dataset.get());
    });
  }
}
