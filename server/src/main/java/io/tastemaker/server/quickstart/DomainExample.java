package io.tastemaker.server.quickstart;

import io.tastemaker.core.sample.ShopSample;
import io.tastemaker.server.api.Json;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The quickstart's Domain example: the same generated shop in an ECOMMERCE Domain dataset group,
 * with domain schemas and the guide's event types ({@code View}, {@code Purchase}), and a
 * recommender for each of {@link #RECOMMENDERS}, which trains by itself, in place of the custom
 * group's solutions and campaigns.
 */
final class DomainExample {
  static final String GROUP = "sample-shop-ecommerce";

  /** A recommender the example creates: its name, use case, and the members to try it with. */
  record Recommender(String name, String useCase, String tryArguments) {}

  static final List<Recommender> RECOMMENDERS =
      List.of(
          new Recommender("sample-shop-recommended-for-you", "aws-ecomm-recommended-for-you", "--user-id user-0001 --num-results 5"),
          // The use case leaves out the user's purchases, so it takes the user as well as the item.
          new Recommender(
              "sample-shop-also-viewed", "aws-ecomm-customers-who-viewed-x-also-viewed", "--item-id item-0001 --user-id user-0001 --num-results 5"));

  private final ResourceSteps steps;
  private final PrintStream out;

  DomainExample(ResourceSteps steps, PrintStream out) {
    this.steps = steps;
    this.out = out;
  }

  /** Creates whatever is missing and waits until every recommender is ACTIVE; returns their ARNs in {@link #RECOMMENDERS} order. */
  List<String> run(ShopSample sample, SampleShop.CsvFiles files) throws InterruptedException {
    String interactionsSchema = schema("interactions", sample.interactionsSchema());
    String itemsSchema = schema("items", sample.ecommerceItemsSchema());
    String usersSchema = schema("users", sample.usersSchema());
    String group = steps.ensure("dataset-group/" + GROUP, "CreateDatasetGroup", Json.object().put("name", GROUP).put("domain", "ECOMMERCE"));
    steps.awaitActive("DescribeDatasetGroup", "datasetGroupArn", group, "datasetGroup");
    steps.importData(GROUP, group, "Interactions", interactionsSchema, files.ecommerceInteractions());
    steps.importData(GROUP, group, "Items", itemsSchema, files.ecommerceItems());
    steps.importData(GROUP, group, "Users", usersSchema, files.users());

    // All created before any is awaited, so that their training is queued at once.
    List<String> arns = new ArrayList<>();
    for (Recommender r : RECOMMENDERS) {
      String arn = steps.ensure("recommender/" + r.name(), "CreateRecommender",
          Json.object().put("name", r.name()).put("datasetGroupArn", group).put("recipeArn", "arn:aws:personalize:::recipe/" + r.useCase()));
      String status = steps.status("DescribeRecommender", "recommenderArn", arn, "recommender");
      if (status.equals("INACTIVE")) {
        // Stopped since an earlier run: the example serves again.
        steps.api().call("StartRecommender", Json.object().put("recommenderArn", arn));
      } else if (!status.equals("ACTIVE")) {
        out.printf("Training recommender %s (%s) ...%n", r.name(), r.useCase());
      }
      arns.add(arn);
    }
    for (String arn : arns) {
      steps.awaitActive("DescribeRecommender", "recommenderArn", arn, "recommender");
    }
    return arns;
  }

  private String schema(String type, String schema) {
    String name = GROUP + "-" + type;
    return steps.ensure("schema/" + name, "CreateSchema", Json.object().put("name", name).put("domain", "ECOMMERCE").put("schema", schema));
  }

  /** What to paste into a shell to try the recommenders (with the custom group's {@code export} line). */
  void printInstructions(URI endpoint, List<String> recommenders) {
    String group = steps.arn("dataset-group/" + GROUP);
    out.println();
    out.println("The ECOMMERCE group's recommenders are ACTIVE. See them in the console (open one to try it in its test panel):");
    out.println("  " + endpoint.resolve("/console/") + "#/groups/" + URLEncoder.encode(group, StandardCharsets.UTF_8));
    out.println("or ask them with the AWS CLI, by recommender ARN in place of a campaign ARN:");
    for (int i = 0; i < recommenders.size(); i++) {
      out.println("  aws personalize-runtime get-recommendations --endpoint-url " + endpoint + " \\");
      out.println("      --recommender-arn " + recommenders.get(i) + " " + RECOMMENDERS.get(i).tryArguments());
    }
    out.println("  aws personalize list-recommenders --endpoint-url " + endpoint + " --dataset-group-arn " + group);
  }
}
