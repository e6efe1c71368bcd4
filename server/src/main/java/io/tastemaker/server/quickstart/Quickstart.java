package io.tastemaker.server.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.sample.ShopSample;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.LocalApi;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tastemaker quickstart}: a generated sample shop, imported, trained and deployed through the
 * same API operations any client uses, twice: in a custom dataset group with solutions and
 * campaigns, and in an ECOMMERCE Domain dataset group with recommenders ({@link DomainExample});
 * then instructions to try both. Running it again reuses what a previous run created.
 */
public final class Quickstart {
  static final String GROUP = "sample-shop";

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
  private final ResourceSteps steps;
  private final DomainExample domain;
  private final PrintStream out;

  public Quickstart(LocalApi api, String region, String accountId, PrintStream out) {
    this.api = api;
    this.steps = new ResourceSteps(api, "arn:aws:personalize:" + region + ":" + accountId + ":", out);
    this.domain = new DomainExample(steps, out);
    this.out = out;
  }

  /**
   * What the custom group leaves running: the campaigns (in {@link #DEPLOYMENTS} order), a category
   * filter and the event tracker's tracking id.
   */
  record Ready(List<String> campaigns, String categoryFilter, String trackingId) {
    Ready {
      campaigns = List.copyOf(campaigns);
    }
  }

  /** Where the sample's CSV files are written: a folder the quickstart's server must allow as local data. */
  public static Path sampleFolder(Path dataDir) {
    return dataDir.resolve("sample-shop");
  }

  /**
   * Creates whatever is missing in the custom group, waits until every campaign, the filter and the
   * tracker are ACTIVE and prints how to try them; then the same for the ECOMMERCE group's
   * recommenders, whose training the printed commands need not wait for.
   */
  public void run(Path dataDir, URI endpoint) throws IOException, InterruptedException {
    ShopSample sample = ShopSample.generate(ShopSample.Config.defaults());
    SampleShop.CsvFiles files = SampleShop.write(sample, sampleFolder(dataDir));
    out.printf("Sample shop: %d users, %d items, %d interactions (generated from seed %d)%n",
        sample.userIds().size(), sample.itemIds().size(), sample.interactionCount(), sample.config().seed());
    printInstructions(endpoint, runCustom(sample, files));
    out.println();
    out.println("Meanwhile the same shop goes into an ECOMMERCE Domain dataset group, whose recommenders train by themselves ...");
    out.flush();
    domain.printInstructions(endpoint, domain.run(sample, files));
    out.println();
    out.println("Stop with Ctrl-C; run quickstart again to pick up where it left off.");
    out.flush();
  }

  private Ready runCustom(ShopSample sample, SampleShop.CsvFiles files) throws InterruptedException {

    String interactionsSchema = steps.ensure("schema/sample-shop-interactions", "CreateSchema",
        Json.object().put("name", "sample-shop-interactions").put("schema", sample.interactionsSchema()));
    String itemsSchema = steps.ensure("schema/sample-shop-items", "CreateSchema", Json.object().put("name", "sample-shop-items").put("schema", sample.itemsSchema()));
    String usersSchema = steps.ensure("schema/sample-shop-users", "CreateSchema", Json.object().put("name", "sample-shop-users").put("schema", sample.usersSchema()));
    // A custom dataset group: its schemas are custom ones, which a Domain dataset group refuses.
    String group = steps.ensure("dataset-group/" + GROUP, "CreateDatasetGroup", Json.object().put("name", GROUP));
    steps.awaitActive("DescribeDatasetGroup", "datasetGroupArn", group, "datasetGroup");

    steps.importData(GROUP, group, "Interactions", interactionsSchema, files.interactions());
    steps.importData(GROUP, group, "Items", itemsSchema, files.items());
    steps.importData(GROUP, group, "Users", usersSchema, files.users());

    List<String> campaigns = new ArrayList<>();
    for (Deployment d : DEPLOYMENTS) {
      campaigns.add(deploy(group, d));
    }
    String filter = steps.ensure("filter/" + GROUP + "-category", "CreateFilter", Json.object().put("name", GROUP + "-category").put("datasetGroupArn", group)
        .put("filterExpression", "INCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY)"));
    steps.awaitActive("DescribeFilter", "filterArn", filter, "filter");
    String tracker = steps.ensure("event-tracker/" + GROUP + "-tracker", "CreateEventTracker", Json.object().put("name", GROUP + "-tracker").put("datasetGroupArn", group));
    steps.awaitActive("DescribeEventTracker", "eventTrackerArn", tracker, "eventTracker");
    String trackingId = api.call("DescribeEventTracker", Json.object().put("eventTrackerArn", tracker)).get("eventTracker").get("trackingId").asText();
    return new Ready(campaigns, filter, trackingId);
  }

  private String deploy(String group, Deployment d) throws InterruptedException {
    String solution = steps.ensure("solution/" + d.name(), "CreateSolution",
        Json.object().put("name", d.name()).put("datasetGroupArn", group).put("recipeArn", "arn:aws:personalize:::recipe/" + d.recipe()));
    steps.awaitActive("DescribeSolution", "solutionArn", solution, "solution");
    String version = activeVersion(solution);
    String campaign = steps.arn("campaign/" + d.name());
    if (!steps.exists("DescribeCampaign", "campaignArn", campaign)) {
      api.call("CreateCampaign", Json.object().put("name", d.name()).put("solutionVersionArn", version));
    }
    steps.awaitActive("DescribeCampaign", "campaignArn", campaign, "campaign");
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
    steps.awaitActive("DescribeSolutionVersion", "solutionVersionArn", version, "solutionVersion");
    return version;
  }

  /** What to paste into a shell to try the campaigns, a filter and events. */
  private void printInstructions(URI endpoint, Ready ready) {
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
    out.flush();
  }
}
