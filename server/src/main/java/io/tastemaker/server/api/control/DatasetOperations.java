package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.domain.Domain;
import io.tastemaker.core.domain.DomainSchemaRules;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetSchemaRules;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.SchemaException;
import io.tastemaker.core.schema.SchemaReplacement;
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
import io.tastemaker.server.work.DatasetUpdateJob;
import java.util.Optional;

/** CreateDataset, DescribeDataset, ListDatasets, DeleteDataset and UpdateDataset. */
public final class DatasetOperations {
  private static final ResourceKind KIND = ResourceKind.DATASET;
  private static final String LATEST_UPDATE = DatasetUpdateJob.LATEST_UPDATE;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public DatasetOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateDataset", this::create);
    registry.register("DescribeDataset", standard.describe(KIND));
    registry.register("ListDatasets", standard.list(KIND, Optional.of("datasetGroupArn")));
    registry.register("DeleteDataset", this::delete);
    registry.register("UpdateDataset", this::update);
  }

  /**
   * Replaces an Items or Users dataset's schema by Personalize's rules ({@link SchemaReplacement});
   * the update shows in {@code latestDatasetUpdate} and a job applies it, while the dataset stays
   * ACTIVE with its old schema until then.
   */
  private JsonNode update(Input input) {
    String arn = input.text("datasetArn");
    String schemaArn = input.text("schemaArn");
    ctx.db().write(tx -> {
      Resource dataset = life.requireStatus(tx, KIND, arn, Status.ACTIVE);
      DatasetType type = DatasetType.parse(dataset.text("datasetType").orElseThrow());
      if (type == DatasetType.INTERACTIONS) {
        throw ApiException.invalidInput(
            "The schema of an Interactions dataset cannot be replaced (" + arn + "); only Items and Users datasets take a new schema.");
      }
      ObjectNode attributes = dataset.attributes();
      JsonNode previous = attributes.path(LATEST_UPDATE).path("status");
      if (previous.isTextual() && Status.UNFINISHED.contains(previous.asText())) {
        throw ApiException.inUse("The dataset " + arn + " has a schema update that is " + previous.asText() + "; wait for it to finish.");
      }
      Resource current = life.require(tx, ResourceKind.SCHEMA, dataset.text("schemaArn").orElseThrow());
      Resource replacement = life.require(tx, ResourceKind.SCHEMA, schemaArn);
      try {
        DatasetSchema parsed = AvroSchemaParser.parse(replacement.text("schema").orElseThrow());
        SchemaReplacement.check(AvroSchemaParser.parse(current.text("schema").orElseThrow()), parsed);
        DatasetSchemaRules.check(parsed, type);
      } catch (SchemaException e) {
        throw ApiException.invalidInput("schemaArn " + schemaArn + " cannot replace the schema of " + arn + ": " + e.getMessage() + ".");
      }
      ObjectNode update = attributes.putObject(LATEST_UPDATE);
      update.put("schemaArn", schemaArn);
      update.put("status", Status.CREATE_PENDING);
      update.put("creationDateTime", Json.epochSeconds(ctx.clock().instant()));
      update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
      ctx.resources().update(tx, dataset.withAttributes(attributes, ctx.clock().instant()));
      ctx.jobs().enqueue(tx, JobTypes.DATASET_UPDATE, arn);
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("datasetArn", arn);
    return answer;
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    String groupArn = input.text("datasetGroupArn");
    String schemaArn = input.text("schemaArn");
    DatasetType type;
    try {
      type = DatasetType.parse(input.text("datasetType"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidInput(e.getMessage());
    }
    String arn =
        ctx.db().write(tx -> {
          Resource group = life.requireLiveParent(tx, ResourceKind.DATASET_GROUP, groupArn);
          Resource schema = life.require(tx, ResourceKind.SCHEMA, schemaArn);
          Optional<String> groupDomain = group.text("domain");
          Optional<String> schemaDomain = schema.text("domain");
          if (!groupDomain.equals(schemaDomain)) {
            throw ApiException.invalidInput(
                "The schema " + schemaArn + " is " + schemaDomain.map(d -> "a " + d + " schema").orElse("a schema without a domain") + ", and the dataset group "
                    + groupArn + " is " + groupDomain.map(d -> "a " + d + " Domain dataset group").orElse("a Custom dataset group")
                    + "; a dataset's schema must have its group's domain.");
          }
          try {
            DatasetSchema parsed = AvroSchemaParser.parse(schema.text("schema").orElseThrow());
            DatasetSchemaRules.check(parsed, type);
            if (groupDomain.isPresent()) {
              DomainSchemaRules.check(parsed, type, Domain.of(groupDomain.get()).orElseThrow());
            }
          } catch (SchemaException e) {
            throw ApiException.invalidInput("The schema " + schemaArn + " does not fit the dataset type " + type.wireName() + ": " + e.getMessage());
          }
          String datasetArn = ctx.arns().dataset(group.name(), type.arnSuffix());
          if (ctx.resources().find(tx, datasetArn).isPresent()) {
            throw ApiException.alreadyExists(
                "The dataset group " + groupArn + " already has a " + type.wireName() + " dataset: " + datasetArn + ".");
          }
          ObjectNode attributes = Json.object();
          attributes.put("datasetGroupArn", groupArn);
          attributes.put("datasetType", type.wireName());
          attributes.put("schemaArn", schemaArn);
          if (type == DatasetType.ACTION_INTERACTIONS) {
            // Personalize makes an Action interactions dataset its own event tracker: PutActionInteractions names this id.
            attributes.put("trackingId", java.util.UUID.randomUUID().toString());
          }
          Resource r = life.newResource(KIND, datasetArn, name, Optional.of(groupArn), Optional.of(groupArn), attributes);
          life.insert(tx, r, name, input.raw("tags"), Optional.of(JobTypes.ACTIVATE));
          return datasetArn;
        });
    ObjectNode answer = Json.object();
    answer.put("datasetArn", arn);
    return answer;
  }

  private JsonNode delete(Input input) {
    String arn = input.text("datasetArn");
    ctx.db().write(tx -> {
      Resource dataset = life.require(tx, KIND, arn);
      for (Resource job : ctx.resources().children(tx, ResourceKind.DATASET_IMPORT_JOB, arn)) {
        if (job.status().map(Status.UNFINISHED::contains).orElse(false)) {
          throw ApiException.inUse("The import job " + job.arn() + " into this dataset is " + job.statusOrEmpty() + "; wait for it to finish.");
        }
      }
      String groupArn = dataset.datasetGroupArn().orElseThrow();
      for (Resource version : ctx.resources().inGroup(tx, ResourceKind.SOLUTION_VERSION, groupArn)) {
        if (version.status().map(Status.UNFINISHED::contains).orElse(false)) {
          throw ApiException.inUse("The solution version " + version.arn() + " is training on this dataset; wait for it or stop it.");
        }
      }
      life.requestDeletion(tx, dataset);
      return null;
    });
    return Json.object();
  }
}
