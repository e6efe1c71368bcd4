package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.domain.UseCase;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@code recommenderConfig} against its use case and dataset group and fills in its
 * defaults ({@code minRecommendationRequestsPerSecond} 1, as DescribeRecommender shows it):
 * exploration only for the use cases that explore, metadata only with an Items dataset, and
 * {@code trainingDataConfig.excludedDatasetColumns} naming columns of the group's datasets that
 * training may do without.
 */
final class RecommenderConfigs {
  /** Columns every use case trains on; the guide's "you can't exclude required columns". */
  private static final Set<String> REQUIRED = Set.of("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE");

  private RecommenderConfigs() {}

  /** The config to store: the request's, checked, with defaults filled in. */
  static ObjectNode checked(ApiContext ctx, Transaction tx, Optional<Input> config, UseCase useCase, String datasetGroupArn) throws SQLException {
    ObjectNode stored = config.map(Input::body).orElseGet(Json::object);
    if (config.isPresent()) {
      Input c = config.get();
      if (c.has("itemExplorationConfig") && !c.stringMap("itemExplorationConfig").isEmpty() && !useCase.explores()) {
        throw ApiException.invalidInput(
            "recommenderConfig.itemExplorationConfig is only for use cases that recommend items personally (Recommended for you, Top picks for you); "
                + useCase.name() + " does not explore.");
      }
      ExplorationConfig.check(c, "recommenderConfig");
      if (c.flag("enableMetadataWithRecommendations") && dataset(ctx, tx, datasetGroupArn, DatasetType.ITEMS).isEmpty()) {
        throw ApiException.invalidInput(
            "recommenderConfig.enableMetadataWithRecommendations needs an Items dataset with the columns to return; the dataset group "
                + datasetGroupArn + " has none.");
      }
      c.object("trainingDataConfig").ifPresent(t -> checkColumns(ctx, tx, t, datasetGroupArn));
    }
    if (!stored.has("minRecommendationRequestsPerSecond")) {
      stored.put("minRecommendationRequestsPerSecond", 1);
    }
    return stored;
  }

  private static void checkColumns(ApiContext ctx, Transaction tx, Input trainingData, String datasetGroupArn) {
    if (trainingData.has("includedDatasetColumns")) {
      throw ApiException.invalidInput(
          "recommenderConfig.trainingDataConfig.includedDatasetColumns is for solutions; a recommender takes excludedDatasetColumns.");
    }
    JsonNode excluded = trainingData.raw("excludedDatasetColumns").orElse(Json.object());
    Iterator<Map.Entry<String, JsonNode>> entries = excluded.properties().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> e = entries.next();
      String where = "recommenderConfig.trainingDataConfig.excludedDatasetColumns." + e.getKey();
      DatasetType type;
      try {
        type = DatasetType.parse(e.getKey());
      } catch (IllegalArgumentException bad) {
        throw ApiException.invalidInput(where + ": the key must be a dataset type (INTERACTIONS, ITEMS or USERS), got " + e.getKey());
      }
      Optional<DatasetSchema> schema;
      try {
        schema = dataset(ctx, tx, datasetGroupArn, type).flatMap(d -> schemaOf(ctx, tx, d));
      } catch (SQLException failure) {
        throw new IllegalStateException(failure);
      }
      if (schema.isEmpty()) {
        throw ApiException.invalidInput(where + ": the dataset group " + datasetGroupArn + " has no " + type.wireName() + " dataset.");
      }
      for (JsonNode column : e.getValue()) {
        String name = column.asText();
        if (schema.get().field(name).isEmpty()) {
          throw ApiException.invalidInput(where + ": the " + type.wireName() + " schema has no column " + name + ".");
        }
        if (REQUIRED.contains(name.toUpperCase(java.util.Locale.ROOT))) {
          throw ApiException.invalidInput(where + ": " + name + " is a required column and cannot be excluded.");
        }
      }
    }
  }

  /** The group's dataset of a type, if it has one. */
  static Optional<Resource> dataset(ApiContext ctx, Transaction tx, String datasetGroupArn, DatasetType type) throws SQLException {
    return ctx.resources().find(tx, ctx.arns().dataset(Arns.resourceName(datasetGroupArn), type.arnSuffix()));
  }

  private static Optional<DatasetSchema> schemaOf(ApiContext ctx, Transaction tx, Resource dataset) {
    try {
      Optional<Resource> schema = ctx.resources().find(tx, dataset.text("schemaArn").orElse(""));
      return schema.flatMap(s -> s.text("schema")).map(AvroSchemaParser::parse);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
