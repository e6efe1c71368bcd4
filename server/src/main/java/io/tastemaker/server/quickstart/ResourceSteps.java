package io.tastemaker.server.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.LocalApi;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The quickstart's steps through the API: create a resource unless it exists, wait until it is
 * ACTIVE, import a file into a new dataset. Each step finds what an earlier run made, so a run can
 * stop anywhere and start again.
 */
final class ResourceSteps {
  private static final Duration WAIT = Duration.ofMinutes(30);

  private final LocalApi api;
  private final String arnPrefix;
  private final PrintStream out;

  ResourceSteps(LocalApi api, String arnPrefix, PrintStream out) {
    this.api = api;
    this.arnPrefix = arnPrefix;
    this.out = out;
  }

  LocalApi api() {
    return api;
  }

  /** The ARN of a resource of this account and region: the prefix, then {@code kind/name...}. */
  String arn(String suffix) {
    return arnPrefix + suffix;
  }

  /** Creates a dataset of the group (named after it) unless it exists, and imports the file into it once. */
  void importData(String groupName, String group, String type, String schema, Path file) throws InterruptedException {
    String datasetName = groupName + "-" + type.toLowerCase(Locale.ROOT);
    String dataset = arn("dataset/" + groupName + "/" + type.toUpperCase(Locale.ROOT));
    if (!exists("DescribeDataset", "datasetArn", dataset)) {
      api.call("CreateDataset", Json.object().put("name", datasetName).put("datasetGroupArn", group).put("datasetType", type).put("schemaArn", schema));
    }
    awaitActive("DescribeDataset", "datasetArn", dataset, "dataset");
    ObjectNode request = Json.object().put("jobName", datasetName + "-import").put("datasetArn", dataset);
    request.putObject("dataSource").put("dataLocation", file.toAbsolutePath().toUri().toString());
    String job = ensure("dataset-import-job/" + datasetName + "-import", "CreateDatasetImportJob", request);
    out.printf("Importing %s ...%n", file.getFileName());
    awaitActive("DescribeDatasetImportJob", "datasetImportJobArn", job, "datasetImportJob");
  }

  /** Creates a resource unless one with this ARN suffix exists; returns its ARN. */
  String ensure(String arnSuffix, String createOperation, ObjectNode request) {
    try {
      JsonNode created = api.call(createOperation, request);
      return created.properties().iterator().next().getValue().asText();
    } catch (ApiException e) {
      if (e.type() == ErrorType.RESOURCE_ALREADY_EXISTS) {
        return arn(arnSuffix);
      }
      throw e;
    }
  }

  boolean exists(String describe, String arnMember, String arn) {
    try {
      api.call(describe, Json.object().put(arnMember, arn));
      return true;
    } catch (ApiException e) {
      if (e.type() == ErrorType.RESOURCE_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** The resource's status as its Describe operation answers it. */
  String status(String describe, String arnMember, String arn, String key) {
    return api.call(describe, Json.object().put(arnMember, arn)).get(key).path("status").asText();
  }

  void awaitActive(String describe, String arnMember, String arn, String key) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode resource = api.call(describe, Json.object().put(arnMember, arn)).get(key);
      String status = resource.path("status").asText();
      if (status.equals("ACTIVE")) {
        return;
      }
      if (status.equals("CREATE FAILED") || status.equals("CREATE STOPPED")) {
        throw new IllegalStateException(arn + " is " + status + ": " + resource.path("failureReason").asText());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(arn + " is still " + status + " after " + WAIT.toMinutes() + " minutes");
      }
      Thread.sleep(100);
    }
  }
}
