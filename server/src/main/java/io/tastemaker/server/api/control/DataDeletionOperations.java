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
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.work.UserDeletionJob;
import java.time.Instant;
import java.util.Optional;

/** CreateDataDeletionJob, DescribeDataDeletionJob and ListDataDeletionJobs. */
public final class DataDeletionOperations {
  private static final ResourceKind KIND = ResourceKind.DATA_DELETION_JOB;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public DataDeletionOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateDataDeletionJob", this::create);
    registry.register("DescribeDataDeletionJob", standard.describe(KIND));
    registry.register("ListDataDeletionJobs", standard.list(KIND, Optional.of("datasetGroupArn")));
  }

  private JsonNode create(Input input) {
    String name = input.text("jobName");
    String groupArn = input.text("datasetGroupArn");
    String location =
        input.object("dataSource").flatMap(s -> s.optionalText("dataLocation")).orElseThrow(() -> ApiException.invalidInput("dataSource.dataLocation is required."));
    try {
      ctx.locations().checkInput(location);
    } catch (LocationException e) {
      throw ApiException.invalidInput("dataSource.dataLocation " + e.getMessage());
    }
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      life.requireLiveParent(tx, ResourceKind.DATASET_GROUP, groupArn);
      long pending = ctx.resources().all(tx, KIND).stream().filter(UserDeletionJob::unfinished).count();
      if (pending >= ctx.quotas().pendingImportJobs()) {
        throw ApiException.limitExceeded("More than " + ctx.quotas().pendingImportJobs() + " resources with PENDING or IN_PROGRESS status.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("datasetGroupArn", groupArn);
      attributes.putObject("dataSource").put("dataLocation", location);
      attributes.put("roleArn", input.text("roleArn"));
      Instant now = ctx.clock().instant();
      Resource job =
          new Resource(arn, KIND, name, Optional.of(groupArn), Optional.of(groupArn), Optional.of(UserDeletionJob.PENDING), Optional.empty(), now, now, attributes);
      life.insert(tx, job, name, input.raw("tags"), Optional.of(JobTypes.DATA_DELETION));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("dataDeletionJobArn", arn);
    return answer;
  }
}
