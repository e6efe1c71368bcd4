package io.tastemaker.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The API steps the benchmarks repeat over HTTP, each waiting until its resource is ACTIVE. */
final class ApiSteps {
  static final Duration QUICK = Duration.ofMinutes(5);
  static final Duration TRAINING = Duration.ofMinutes(60);

  private ApiSteps() {}

  static String group(HttpApi api, String name) throws IOException, InterruptedException {
    String group = api.call("CreateDatasetGroup", Json.object().put("name", name)).get("datasetGroupArn").asText();
    api.awaitActive("DatasetGroup", group, QUICK);
    return group;
  }

  /** A dataset of a type ("Interactions", "Items") with a new schema of the same name. */
  static String dataset(HttpApi api, String group, String name, String type, String schemaText) throws IOException, InterruptedException {
    String schema = api.call("CreateSchema", Json.object().put("name", name).put("schema", schemaText)).get("schemaArn").asText();
    String dataset = api.call("CreateDataset", Json.object().put("name", name).put("datasetGroupArn", group).put("datasetType", type).put("schemaArn", schema))
        .get("datasetArn").asText();
    api.awaitActive("Dataset", dataset, QUICK);
    return dataset;
  }

  /** A new dataset with a CSV imported into it; returns the dataset. */
  static String imported(HttpApi api, String group, String name, String type, String schemaText, Path csv) throws IOException, InterruptedException {
    String dataset = dataset(api, group, name, type, schemaText);
    ObjectNode job = Json.object().put("jobName", name + "-import").put("datasetArn", dataset);
    job.putObject("dataSource").put("dataLocation", csv.toUri().toString());
    api.awaitActive("DatasetImportJob", api.call("CreateDatasetImportJob", job).get("datasetImportJobArn").asText(), QUICK);
    return dataset;
  }

  /** A solution of the recipe with these hyperparameters (its defaults for the rest), trained; returns the version. */
  static String trainedVersion(HttpApi api, String group, String name, String recipe, Map<String, String> hyperparameters)
      throws IOException, InterruptedException {
    ObjectNode request = Json.object().put("name", name).put("datasetGroupArn", group).put("recipeArn", "arn:aws:personalize:::recipe/" + recipe);
    if (!hyperparameters.isEmpty()) {
      ObjectNode knobs = request.putObject("solutionConfig").putObject("algorithmHyperParameters");
      hyperparameters.forEach(knobs::put);
    }
    String solution = api.call("CreateSolution", request).get("solutionArn").asText();
    api.awaitActive("Solution", solution, QUICK);
    String version = api.call("CreateSolutionVersion", Json.object().put("solutionArn", solution)).get("solutionVersionArn").asText();
    api.awaitActive("SolutionVersion", version, TRAINING);
    return version;
  }

  static String campaign(HttpApi api, String name, String version) throws IOException, InterruptedException {
    return campaign(api, name, version, Json.object());
  }

  /** A campaign of the version with this campaignConfig (empty: the defaults), ACTIVE. */
  static String campaign(HttpApi api, String name, String version, ObjectNode config) throws IOException, InterruptedException {
    ObjectNode request = Json.object().put("name", name).put("solutionVersionArn", version);
    if (!config.isEmpty()) {
      request.set("campaignConfig", config);
    }
    String campaign = api.call("CreateCampaign", request).get("campaignArn").asText();
    api.awaitActive("Campaign", campaign, QUICK);
    return campaign;
  }

  /** The group's event tracker, created and ACTIVE; returns its tracking id. */
  static String trackingId(HttpApi api, String group, String name) throws IOException, InterruptedException {
    String tracker = api.call("CreateEventTracker", Json.object().put("name", name).put("datasetGroupArn", group)).get("eventTrackerArn").asText();
    api.awaitActive("EventTracker", tracker, QUICK);
    return api.call("DescribeEventTracker", Json.object().put("eventTrackerArn", tracker)).get("eventTracker").get("trackingId").asText();
  }
}
