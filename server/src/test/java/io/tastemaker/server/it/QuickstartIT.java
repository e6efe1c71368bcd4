package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.RecommenderSummary;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * {@code tastemaker quickstart} through the packaged jar, as the README's first command: the custom
 * group's campaigns and the ECOMMERCE Domain group's recommenders end ACTIVE, every AWS CLI command
 * it prints works when pasted into a shell (run by bash with the Debian AWS CLI v2), the
 * recommenders answer through the AWS SDK v2 as their use cases say, and a second run on the same
 * data directory trains nothing again and starts a recommender stopped in between.
 */
class QuickstartIT {
  private static final String ARN = "arn:aws:personalize:us-east-1:000000000000:";
  private static final String DOMAIN_GROUP = ARN + "dataset-group/sample-shop-ecommerce";
  private static final String RECOMMENDED_FOR_YOU = ARN + "recommender/sample-shop-recommended-for-you";
  private static final String ALSO_VIEWED = ARN + "recommender/sample-shop-also-viewed";
  private static final String DONE = "Stop with Ctrl-C; run quickstart again to pick up where it left off.";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void the_quickstart_serves_a_custom_and_an_ecommerce_group_whose_printed_commands_work_and_a_rerun_reuses_them() throws Exception {
    Path data = dir.resolve("quickstart");
    try (ServerProcess quickstart = ServerProcess.run("quickstart", data, List.of());
        PersonalizeClient p = quickstart.personalize();
        PersonalizeRuntimeClient runtime = quickstart.runtime()) {
      String output = awaitDone(quickstart, Duration.ofMinutes(20));
      assertThat(output).contains("Training sample-shop-hrnn", "Training recommender sample-shop-recommended-for-you");
      // The custom group's commands come before the domain group's training, so a newcomer need not wait for it.
      assertThat(output.indexOf("aws personalize list-solutions")).isLessThan(output.indexOf("Training recommender"));

      assertTheDomainGroup(p);
      assertTheRecommendersAnswerAsTheirUseCasesSay(runtime, data.resolve("sample-shop").resolve("ecommerce-interactions.csv"));
      assertEveryPrintedCommandWorks(output);

      p.stopRecommender(r -> r.recommenderArn(ALSO_VIEWED));
      Await.until(() -> p.describeRecommender(r -> r.recommenderArn(ALSO_VIEWED)).recommender().status(), Set.of("INACTIVE"), Duration.ofMinutes(2));
    }

    try (ServerProcess again = ServerProcess.run("quickstart", data, List.of());
        PersonalizeClient p = again.personalize();
        PersonalizeRuntimeClient runtime = again.runtime()) {
      String output = awaitDone(again, Duration.ofMinutes(3));
      assertThat(output).doesNotContain("Training");
      assertThat(p.listDatasetGroups(r -> { }).datasetGroups()).hasSize(2);
      assertThat(p.listRecommenders(r -> r.datasetGroupArn(DOMAIN_GROUP)).recommenders())
          .extracting(RecommenderSummary::recommenderArn, RecommenderSummary::status)
          .containsExactlyInAnyOrder(tuple(RECOMMENDED_FOR_YOU, "ACTIVE"), tuple(ALSO_VIEWED, "ACTIVE"));
      assertThat(runtime.getRecommendations(r -> r.recommenderArn(ALSO_VIEWED).itemId("item-0001").userId("user-0001")).itemList()).isNotEmpty();
      assertEveryPrintedCommandWorks(output.substring(output.lastIndexOf("Tastemaker is running at")));
    }
  }

  private static String awaitDone(ServerProcess quickstart, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!quickstart.output().contains(DONE)) {
      assertThat(quickstart.output()).doesNotContain("could not start");
      assertThat(System.nanoTime()).as("the quickstart did not finish in %s:%n%s", timeout, quickstart.output()).isLessThan(deadline);
      Thread.sleep(200);
    }
    return quickstart.output();
  }

  private static void assertTheDomainGroup(PersonalizeClient p) {
    var group = p.describeDatasetGroup(r -> r.datasetGroupArn(DOMAIN_GROUP)).datasetGroup();
    assertThat(group.domainAsString()).isEqualTo("ECOMMERCE");
    assertThat(group.status()).isEqualTo("ACTIVE");
    for (String type : List.of("interactions", "items", "users")) {
      assertThat(p.describeSchema(r -> r.schemaArn(ARN + "schema/sample-shop-ecommerce-" + type)).schema().domainAsString()).isEqualTo("ECOMMERCE");
    }
    assertThat(p.listDatasets(r -> r.datasetGroupArn(DOMAIN_GROUP)).datasets()).extracting(d -> d.datasetType()).containsExactlyInAnyOrder("Interactions", "Items", "Users");
    Map<String, String> recipes = new HashMap<>();
    for (RecommenderSummary r : p.listRecommenders(l -> l.datasetGroupArn(DOMAIN_GROUP)).recommenders()) {
      assertThat(r.status()).as(r.recommenderArn()).isEqualTo("ACTIVE");
      recipes.put(r.recommenderArn(), r.recipeArn());
    }
    assertThat(recipes).containsExactlyInAnyOrderEntriesOf(Map.of(
        RECOMMENDED_FOR_YOU, "arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you",
        ALSO_VIEWED, "arn:aws:personalize:::recipe/aws-ecomm-customers-who-viewed-x-also-viewed"));
  }

  /** Both use cases leave out what the user bought; "also viewed" leaves out the item asked about. */
  private static void assertTheRecommendersAnswerAsTheirUseCasesSay(PersonalizeRuntimeClient runtime, Path interactions) throws Exception {
    Map<String, Set<String>> purchases = new HashMap<>();
    List<String> lines = Files.readAllLines(interactions);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (f[2].equals("Purchase")) {
        purchases.computeIfAbsent(f[0], u -> new HashSet<>()).add(f[1]);
      }
    }
    String buyer = purchases.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size()))).orElseThrow().getKey();
    Set<String> bought = purchases.get(buyer);
    assertThat(bought).hasSizeGreaterThan(5);

    List<String> forYou = ids(runtime.getRecommendations(r -> r.recommenderArn(RECOMMENDED_FOR_YOU).userId(buyer).numResults(50)).itemList());
    assertThat(forYou).hasSize(50).doesNotContainAnyElementsOf(bought);

    String item = bought.iterator().next();
    List<String> alsoViewed = ids(runtime.getRecommendations(r -> r.recommenderArn(ALSO_VIEWED).itemId(item).userId(buyer).numResults(20)).itemList());
    assertThat(alsoViewed).isNotEmpty().doesNotContain(item).doesNotContainAnyElementsOf(bought);
  }

  private static List<String> ids(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::itemId).toList();
  }

  /**
   * Runs each command of the printed instructions, as printed, in bash with {@code aws} being the
   * Debian AWS CLI v2 and the printed {@code export} line first.
   */
  private void assertEveryPrintedCommandWorks(String output) throws Exception {
    List<String> commands = printedCommands(output);
    String export = commands.stream().filter(c -> c.startsWith("export ")).findFirst().orElseThrow();
    List<String> aws = commands.stream().filter(c -> c.startsWith("aws ")).toList();
    assertThat(aws.stream().filter(c -> c.contains("--recommender-arn ")))
        .anySatisfy(c -> assertThat(c).contains(RECOMMENDED_FOR_YOU, "--user-id"))
        .anySatisfy(c -> assertThat(c).contains(ALSO_VIEWED, "--item-id"));
    assertThat(aws).anySatisfy(c -> assertThat(c).startsWith("aws personalize list-recommenders"));
    for (String command : aws) {
      JsonNode answer = bash(export + "\n" + command);
      if (command.contains("get-recommendations")) {
        assertThat(answer.path("itemList").size()).as(command).isEqualTo(5);
        assertThat(answer.path("recommendationId").asText()).as(command).isNotEmpty();
      } else if (command.contains("get-personalized-ranking")) {
        assertThat(answer.path("personalizedRanking").size()).as(command).isEqualTo(5);
      } else if (command.contains("list-recommenders")) {
        assertThat(answer.path("recommenders").size()).as(command).isEqualTo(2);
      } else if (command.contains("list-solutions")) {
        assertThat(answer.path("solutions").size()).as(command).isEqualTo(3);
      }
    }
    assertThat(aws).hasSizeGreaterThanOrEqualTo(9);
  }

  /** The indented shell lines of the instructions, each command's continuation lines joined. */
  private static List<String> printedCommands(String output) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = null;
    for (String line : output.split("\n")) {
      String text = line.strip();
      if (current != null) {
        current.append('\n').append(line);
      } else if (line.startsWith("  ") && (text.startsWith("aws ") || text.startsWith("export "))) {
        current = new StringBuilder(text);
      } else {
        continue;
      }
      if (!text.endsWith("\\")) {
        commands.add(current.toString());
        current = null;
      }
    }
    return commands;
  }

  private JsonNode bash(String script) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", "aws() { /usr/bin/aws --no-cli-pager \"$@\"; }\n" + script);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    Path errors = dir.resolve("aws-errors.txt");
    builder.redirectError(errors.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String err = Files.readString(errors);
    assertThat(process.exitValue()).as("%s%n%s%s", script, out, err).isZero();
    return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
  }
}
