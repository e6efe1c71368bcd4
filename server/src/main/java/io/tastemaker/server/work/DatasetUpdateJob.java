package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.SchemaException;
import io.tastemaker.core.schema.SchemaReplacement;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.events.ReplicaChanges;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.jobs.JobHandler;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies UpdateDataset: the dataset takes the new schema, the fields it adds are remembered with the
 * time they were added (solutions created before then do not train on them, as Personalize excludes
 * new columns from existing solutions), and {@code latestDatasetUpdate} turns ACTIVE. Existing data
 * reads the new fields as null.
 */
public final class DatasetUpdateJob implements JobHandler {
  /** The member recording a dataset's latest schema replacement. */
  public static final String LATEST_UPDATE = "latestDatasetUpdate";
  /** Internal attribute: each field a schema replacement added, with the epoch second it was added. */
  public static final String ADDED_FIELDS = "_addedFields";

  private final ApiContext ctx;
  private final Consumer<String> datasetChanged;

  public DatasetUpdateJob(ApiContext ctx, Consumer<String> datasetChanged) {
    this.ctx = ctx;
    this.datasetChanged = datasetChanged;
  }

  @Override
  public void run(Job job) throws JobFailure {
    boolean applied =
        ctx.db().write(tx -> {
          Optional<Resource> found = ctx.resources().find(tx, job.targetArn());
          if (found.isEmpty()) {
            return false;
          }
          Resource dataset = found.get();
          ObjectNode attributes = dataset.attributes();
          ObjectNode update = (ObjectNode) attributes.path(LATEST_UPDATE);
          String schemaArn = update.path("schemaArn").asText();
          Optional<Resource> replacement = ctx.resources().find(tx, schemaArn);
          Optional<Resource> current = ctx.resources().find(tx, dataset.text("schemaArn").orElse(""));
          if (replacement.isEmpty() || current.isEmpty()) {
            throw new IllegalStateException("The schema " + (replacement.isEmpty() ? schemaArn : dataset.text("schemaArn").orElse("")) + " no longer exists.");
          }
          List<String> added;
          try {
            added =
                SchemaReplacement.check(
                    AvroSchemaParser.parse(current.get().text("schema").orElseThrow()), AvroSchemaParser.parse(replacement.get().text("schema").orElseThrow()));
          } catch (SchemaException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
          long now = ctx.clock().instant().getEpochSecond();
          ObjectNode addedFields = attributes.has(ADDED_FIELDS) ? (ObjectNode) attributes.get(ADDED_FIELDS) : attributes.putObject(ADDED_FIELDS);
          added.forEach(f -> addedFields.put(f, now));
          attributes.put("schemaArn", schemaArn);
          update.put("status", Status.ACTIVE);
          update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
          ctx.resources().update(tx, dataset.withAttributes(attributes, ctx.clock().instant()));
          ReplicaChanges.record(ctx.db(), tx, ctx.jobs().replica(), ReplicaChanges.Kind.DATASET_CHANGED, dataset.arn(), ctx.clock().millis());
          return true;
        });
    if (applied) {
      datasetChanged.accept(job.targetArn());
    }
  }

  @Override
  public String failureReason(Exception failure) {
    return failure instanceof IllegalStateException ? failure.getMessage() : JobHandler.super.failureReason(failure);
  }

  @Override
  public void fail(Job job, String reason) {
    ctx.db().write(tx -> {
      Optional<Resource> found = ctx.resources().find(tx, job.targetArn());
      if (found.isPresent() && found.get().attributes().path(LATEST_UPDATE).isObject()) {
        ObjectNode attributes = found.get().attributes();
        ObjectNode update = (ObjectNode) attributes.get(LATEST_UPDATE);
        update.put("status", Status.CREATE_FAILED);
        update.put("failureReason", reason);
        update.put("lastUpdatedDateTime", Json.epochSeconds(ctx.clock().instant()));
        ctx.resources().update(tx, found.get().withAttributes(attributes, ctx.clock().instant()));
      }
      return null;
    });
  }
}
