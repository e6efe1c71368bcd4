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

/** CreateDatasetImportJob, DescribeDatasetImportJob and ListDatasetImportJobs. */
public final class ImportJobOperations {
  private static final ResourceKind KIND = ResourceKind.DATASET_IMPORT_JOB;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public ImportJobOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateDatasetImportJob", this::create);
    registry.register("DescribeDatasetImportJob", standard.describe(KIND));
    registry.register("ListDatasetImportJobs", standard.list(KIND, Optional.of("datasetArn")));
  }

  private JsonNode create(Input input) {
    String name = input.text("jobName");
    String datasetArn = input.text("datasetArn");
    Input source = input.object("dataSource").orElseThrow();
    String location = source.optionalText("dataLocation").orElseThrow(() -> ApiException.invalidInput("dataSource.dataLocation is required."));
    try {
      ctx.locations().checkInput(location);
    } catch (LocationException e) {
      throw ApiException.invalidInput("dataSource.dataLocation " + e.getMessage());
    }
    String mode = input.optionalText("importMode").orElse("FULL");
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      Resource dataset = life.requireLiveParent(tx, ResourceKind.DATASET, datasetArn);
      long pending =
          ctx.resources().all(tx, KIND).stream().filter(j -> j.status().map(Status.UNFINISHED::contains).orElse(false)).count();
      if (pending >= ctx.quotas().pendingImportJobs()) {
        throw ApiException.limitExceeded("More than " + ctx.quotas().pendingImportJobs() + " resources with PENDING or IN_PROGRESS status.");
      }
      if (mode.equals("INCREMENTAL")
          && ctx.resources().children(tx, KIND, datasetArn).stream().noneMatch(j -> j.hasStatus(Status.ACTIVE))) {
        throw ApiException.invalidInput(
            "importMode INCREMENTAL needs a dataset that already holds data; run a FULL import into " + datasetArn + " first.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("datasetArn", datasetArn);
      attributes.putObject("dataSource").put("dataLocation", location);
      input.optionalText("roleArn").ifPresent(v -> attributes.put("roleArn", v));
      attributes.put("importMode", mode);
      attributes.put("publishAttributionMetricsToS3", input.flag("publishAttributionMetricsToS3"));
      Resource job = life.newResource(KIND, arn, name, Optional.of(datasetArn), dataset.datasetGroupArn(), attributes);
      life.insert(tx, job, name, input.raw("tags"), Optional.of(JobTypes.IMPORT));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("datasetImportJobArn", arn);
    return answer;
  }
}
