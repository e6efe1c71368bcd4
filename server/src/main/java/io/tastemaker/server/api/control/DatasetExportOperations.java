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
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import java.util.Optional;

/** CreateDatasetExportJob, DescribeDatasetExportJob and ListDatasetExportJobs. */
public final class DatasetExportOperations {
  private static final ResourceKind KIND = ResourceKind.DATASET_EXPORT_JOB;
  /** Personalize's default: only the data put one record or event at a time. */
  static final String DEFAULT_INGESTION_MODE = "PUT";

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public DatasetExportOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateDatasetExportJob", this::create);
    registry.register("DescribeDatasetExportJob", standard.describe(KIND));
    registry.register("ListDatasetExportJobs", standard.list(KIND, Optional.of("datasetArn")));
  }

  private JsonNode create(Input input) {
    String name = input.text("jobName");
    String datasetArn = input.text("datasetArn");
    Input destination = input.object("jobOutput").flatMap(o -> o.object("s3DataDestination")).orElseThrow();
    String path = destination.text("path");
    try {
      ctx.locations().checkOutput(path);
    } catch (LocationException e) {
      throw ApiException.invalidInput("jobOutput.s3DataDestination.path " + e.getMessage());
    }
    String mode = input.optionalText("ingestionMode").orElse(DEFAULT_INGESTION_MODE);
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      Resource dataset = life.requireLiveParent(tx, ResourceKind.DATASET, datasetArn);
      long pending =
          ctx.resources().all(tx, KIND).stream().filter(j -> j.status().map(Status.UNFINISHED::contains).orElse(false)).count();
      if (pending >= ctx.quotas().pendingImportJobs()) {
        throw ApiException.limitExceeded("More than " + ctx.quotas().pendingImportJobs() + " resources with PENDING or IN_PROGRESS status.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("datasetArn", datasetArn);
      attributes.put("ingestionMode", mode);
      attributes.put("roleArn", input.text("roleArn"));
      attributes.set("jobOutput", input.raw("jobOutput").orElseThrow());
      Resource job = life.newResource(KIND, arn, name, Optional.of(datasetArn), dataset.datasetGroupArn(), attributes);
      life.insert(tx, job, name, input.raw("tags"), Optional.of(JobTypes.EXPORT));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("datasetExportJobArn", arn);
    return answer;
  }
}
