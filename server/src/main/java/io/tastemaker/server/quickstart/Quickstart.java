package io.tastemaker.server.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.sample.ShopSample;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.LocalApi;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tastemaker quickstart}: a generated sample shop, imported, trained and deployed through the
 * same API operations any client uses, then instructions to try it. Running it again reuses what a
 * previous run created.
 */
public final class Quickstart {
  static final String GROUP = "sample-shop";
  private static final Duration WAIT = Duration.ofMinutes(30);

  /** A campaign the quickstart deploys: its name, recipe, and the runtime command to try it with. */
  record Deployment(String name, String recipe, String operation, String tryArguments) {}

  static final List<Deployment> DEPLOYMENTS =
      List.of(
          new Deployment("sample-shop-popular", "aws-popularity-count", "get-recommendations", "--user-id user-0001 --num-results 5"),
          new Deployment("sample-shop-hrnn", "aws-hrnn", "get-recommendations", "--user-id user-0001 --num-results 5"),
          new Deployment(
              "sample-shop-ranking", "aws-personalized-ranking", "get-personalized-ranking",
              "--user-id user-0001 --input-list item-0001 item-0002 item-0003 item-0004 item-0005"));

  private final LocalApi api;
  private final String arnPrefix;
  private final PrintStream out;

  public Quickstart(LocalApi api, String region, String accountId, PrintStream out) {
    this.api = api;
    this.arnPrefix = "arn:aws:personalize:" + region + ":" + accountId + ":";
    this.out = out;
  }

  /**
   * What the quickstart leaves running: the campaigns (in {@link #DEPLOYMENTS} order), a category
   * filter and the event tracker's tracking id.
   */
  public record Ready(List<String> campaigns, String categoryFilter, String trackingId) {}

  /** Where the sample's CSV files are written: a folder the quickstart's server must allow as local data. */
  public static Path sampleFolder(Path dataDir) {
    return dataDir.resolve("sample-shop");
  }

  /** Creates whatever is missing, waits until every campaign, the filter and the tracker are ACTIVE. */
  public Ready run(Path dataDir) throws IOException, InterruptedException {
    ShopSample sample = ShopSample.generate(ShopSample.Config.defaults());
    SampleShop.Files3 files = SampleShop.write(sample, sampleFolder(dataDir));
    out.printf("Sample shop: %d users, %d items, %d interactions (generated from seed %d)%n",
        sample.userIds().size(), sample.itemIds().size(), sample.interactionCount(), sample.config().seed());

    String interactionsSchema = ensure("schema/sample-shop-interactions", "CreateSchema",
        Json.object().put("name", "sample-shop-interactions").put("schema", sample.interactionsSchema()));
    String itemsSchema = ensure("schema/sample-shop-items", "CreateSchema", Json.object().put("name", "sample-shop-items").put("schema", sample.itemsSchema()));
    String usersSchema = ensure("schema/sample-shop-users", "CreateSchema", Json.object().put("name", "sample-shop-users").put("schema", sample.usersSchema()));
    // A custom dataset group: its schemas are custom ones, which a Domain dataset group refuses.
    String group = ensure("dataset-group/" + GROUP, "CreateDatasetGroup", Json.object().put("name", GROUP));
    awaitActive("DescribeDatasetGroup", "datasetGroupArn", group, "datasetGroup");

    importData(group, "INTERACTIONS", "Interactions", interactionsSchema, files.interactions());
    importData(group, "ITEMS", "Items", itemsSchema, files.items());
    importData(group, "USERS", "Users", usersSchema, files.users());

    List<String> campaigns = new ArrayList<>();
    for (Deployment d : DEPLOYMENTS) {
      campaigns.add(deploy(group, d));
    }
    String filter = ensure("filter/" + GROUP + "-category", "CreateFilter", Json.object().put("name", GROUP + "-category").put("datasetGroupArn", group)
        .put("filterExpression", "INCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY)"));
    awaitActive("DescribeFilter", "filterArn", filter, "filter");
    String tracker = ensure("event-tracker/" + GROUP + "-tracker", "CreateEventTracker", Json.object().put("name", GROUP + "-tracker").put("datasetGroupArn", group));
    awaitActive("DescribeEventTracker", "eventTrackerArn", tracker, "eventTracker");
    String trackingId = api.call("DescribeEventTracker", Json.object().put("eventTrackerArn", tracker)).get("eventTracker").get("trackingId").asText();
    return new Ready(campaigns, filter, trackingId);
  }

  private void importData(String group, String typeSuffix, String type, String schema, Path file) throws InterruptedException {
    String datasetName = GROUP + "-" + type.toLowerCase(java.util.Locale.ROOT);
    String dataset = arnPrefix + "dataset/" + GROUP + "/" + typeSuffix;
    if (!exists("DescribeDataset", "datasetArn", dataset)) {
      api.call("CreateDataset", Json.object().put("name", datasetName).put("datasetGroupArn", group).put("datasetType", type).put("schemaArn", schema));
    }
    awaitActive("DescribeDataset", "datasetArn", dataset, "dataset");
    String job = ensure("dataset-import-job/" + datasetName + "-import", "CreateDatasetImportJob", importRequest(datasetName, dataset, file));
    out.printf("Importing %s ...%n", file.getFileName());
    awaitActive("DescribeDatasetImportJob", "datasetImportJobArn", job, "datasetImportJob");
  }

  private static ObjectNode importRequest(String datasetName, String dataset, Path file) {
    ObjectNode request = Json.object().put("jobName", datasetName + "-import").put("datasetArn", dataset);
    request.putObject("dataSource").put("dataLocation", file.toAbsolutePath().toUri().toString());
    return request;
  }

  private String deploy(String group, Deployment d) throws InterruptedException {
    String solution = ensure("solution/" + d.name(), "CreateSolution",
        Json.object().put("name", d.name()).put("datasetGroupArn", group).put("recipeArn", "arn:aws:personalize:::recipe/" + d.recipe()));
    awaitActive("DescribeSolution", "solutionArn", solution, "solution");
    String version = activeVersion(solution);
    String campaign = arnPrefix + "campaign/" + d.name();
    if (!exists("DescribeCampaign", "campaignArn", campaign)) {
      api.call("CreateCampaign", Json.object().put("name", d.name()).put("solutionVersionArn", version));
    }
    awaitActive("DescribeCampaign", "campaignArn", campaign, "campaign");
    return campaign;
  }

  /** The solution's newest ACTIVE version, training one when there is none. */
  private String activeVersion(String solution) throws InterruptedException {
    for (JsonNode v : api.call("ListSolutionVersions", Json.object().put("solutionArn", solution)).get("solutionVersions")) {
      if (v.path("status").asText().equals("ACTIVE")) {
        return v.get("solutionVersionArn").asText();
      }
    }
    String version = api.call("CreateSolutionVersion", Json.object().put("solutionArn", solution)).get("solutionVersionArn").asText();
    out.printf("Training %s ...%n", solution.substring(solution.lastIndexOf('/') + 1));
    awaitActive("DescribeSolutionVersion", "solutionVersionArn", version, "solutionVersion");
    return version;
  }

  /** Creates a resource unless one with this ARN suffix exists; returns its ARN. */
  private String ensure(String arnSuffix, String createOperation, ObjectNode request) {
    String arn = arnPrefix + arnSuffix;
    try {
      JsonNode created = api.call(createOperation, request);
      return created.properties().iterator().next().getValue().asText();
    } catch (ApiException e) {
      if (e.type() == ErrorType.RESOURCE_ALREADY_EXISTS) {
        return arn;
      }
      throw e;
    }
  }

  private boolean exists(String describe, String arnMember, String arn) {
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

  private void awaitActive(String describe, String arnMember, String arn, String key) throws InterruptedException {
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

  /** What to paste into a shell to try the campaigns, a filter and events. */
  public void printInstructions(URI endpoint, Ready ready) {
    List<String> campaigns = ready.campaigns();
    String hrnn = campaigns.get(DEPLOYMENTS.indexOf(DEPLOYMENTS.stream().filter(d -> d.recipe().equals("aws-hrnn")).findFirst().orElseThrow()));
    out.println();
    out.println("Tastemaker is running at " + endpoint + " with the sample shop trained and deployed.");
    out.println();
    out.println("Open the console in a browser: " + endpoint.resolve("/console/"));
    out.println("or go straight to the aws-hrnn campaign, type user-0001 and press Get recommendations:");
    out.println("  " + endpoint.resolve("/console/") + "#/campaigns/" + URLEncoder.encode(hrnn, StandardCharsets.UTF_8));
    out.println();
    out.println("Try it with the AWS CLI (any access keys work without --credentials):");
    out.println();
    out.println("  export AWS_ACCESS_KEY_ID=tastemaker AWS_SECRET_ACCESS_KEY=tastemaker AWS_DEFAULT_REGION=us-east-1");
    for (int i = 0; i < campaigns.size(); i++) {
      Deployment d = DEPLOYMENTS.get(i);
      out.println("  aws personalize-runtime " + d.operation() + " --endpoint-url " + endpoint + " \\");
      out.println("      --campaign-arn " + campaigns.get(i) + " " + d.tryArguments());
    }
    out.println();
    out.println("Only garden items, with a filter:");
    out.println("  aws personalize-runtime get-recommendations --endpoint-url " + endpoint + " \\");
    out.println("      --campaign-arn " + hrnn + " --user-id user-0001 --num-results 5 \\");
    out.println("      --filter-arn " + ready.categoryFilter() + " --filter-values '{\"CATEGORY\": \"\\\"garden\\\"\"}'");
    out.println("Send an event, then ask again: the answer follows it at once:");
    out.println("  aws personalize-events put-events --endpoint-url " + endpoint + " --tracking-id " + ready.trackingId() + " \\");
    out.println("      --user-id user-0001 --session-id session-1 --event-list '[{\"eventType\": \"view\", \"itemId\": \"item-0002\", \"sentAt\": "
        + java.time.Instant.now().getEpochSecond() + "}]'");
    out.println();
    out.println("  aws personalize list-solutions --endpoint-url " + endpoint);
    out.println();
    out.println("Stop with Ctrl-C; run quickstart again to pick up where it left off.");
    out.flush();
  }
}
