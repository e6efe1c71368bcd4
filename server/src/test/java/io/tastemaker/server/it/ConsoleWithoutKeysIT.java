package io.tastemaker.server.it;

import static io.tastemaker.server.testing.ConsoleFixture.encode;
import static io.tastemaker.server.testing.ConsoleFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Browser;
import io.tastemaker.server.testing.ConsoleFixture;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetGroupSummary;

/**
 * The console in Debian's headless Chromium against a server without access keys, as quickstart
 * runs: no login, a browser at the endpoint lands in the console, what the console creates the API
 * sees, and a long training shows its progress until the console's Stop button ends it.
 */
class ConsoleWithoutKeysIT {
  private static ConsoleFixture console;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    console = ConsoleFixture.start(RunningServer.start());
    server = console.server();
    browser = console.browser();
    personalize = console.personalize();
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void a_browser_at_the_endpoint_lands_on_the_console_without_a_login() {
    browser.open(server.endpoint().resolve("/"));

    browser.await("table[data-testid=dataset-groups]");
    assertThat(browser.currentUrl()).startsWith(server.endpoint() + "/console/");
    assertThat(browser.findAll("form[data-testid=login]")).isEmpty();
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void a_dataset_group_created_in_the_console_is_there_for_the_api() {
    String name = Workflow.unique("made-in-console");
    console.open("#/");
    browser.expand("input[name=name]");
    browser.type("input[name=name]", name);
    browser.find("input[name=name]").findElement(By.xpath("ancestor::form//button[@type='submit']")).click();

    Await.condition(() -> listed(name).isPresent(), Workflow.WAIT, name + " listed by ListDatasetGroups");
    String arn = listed(name).orElseThrow();
    WebElement row = browser.until(d -> browser.findAll("table[data-testid=dataset-groups] tbody tr").stream()
        .filter(r -> r.getText().contains(name) && r.getText().contains("ACTIVE")).findFirst().orElse(null));
    assertThat(row.findElement(By.cssSelector("a")).getDomAttribute("href")).contains(encode(arn));
  }

  @Test
  void a_training_version_shows_its_progress_until_the_stop_button_ends_it() throws Exception {
    Path dir = Files.createDirectories(server.localData().resolve("fixture"));
    String group = Workflow.activeGroup(personalize, "progress");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(dir.resolve("interactions.csv")));
    // Long enough to watch: the largest model and the most epochs on one thread.
    Map<String, String> slow = Map.of("hidden_dimension", "256", "epochs", "500", "bptt", "32", "threads", "1");
    String solution = personalize.createSolution(r -> r.name(Workflow.unique("slow")).datasetGroupArn(group)
        .recipeArn("arn:aws:personalize:::recipe/aws-hrnn").solutionConfig(c -> c.algorithmHyperParameters(slow))).solutionArn();
    Await.finalStatus(() -> personalize.describeSolution(r -> r.solutionArn(solution)).solution().status(), Workflow.WAIT);
    String version = personalize.createSolutionVersion(r -> r.solutionArn(solution)).solutionVersionArn();

    console.open(page("versions", version));
    double first = browser.until(d -> percentShown());
    double later = browser.until(d -> {
      double now = percentShown();
      return now > first ? now : null;
    });
    assertThat(later).isGreaterThan(first).isLessThan(100);

    browser.click("button[data-testid=stop-training]");
    assertThat(Await.finalStatus(() -> personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().status(), Duration.ofSeconds(60)))
        .isEqualTo("CREATE STOPPED");
    browser.until(d -> browser.find("main").getText().contains("CREATE STOPPED") ? true : null);
  }

  @Test
  void a_failed_import_shows_its_whole_failure_reason() throws Exception {
    Path dir = Files.createDirectories(server.localData().resolve("failing"));
    String group = Workflow.activeGroup(personalize, "failing");
    String dataset = Workflow.activeDataset(personalize, group, "Interactions", Schemas.INTERACTIONS);
    Path bad = Files.writeString(dir.resolve("bad.csv"), GenreShop.INTERACTIONS_HEADER + "\nu1,i1,watch,1,1700000000\nu1,i2,watch,1,\"1700000001\n");
    String job = personalize.createDatasetImportJob(r -> r.jobName(Workflow.unique("bad")).datasetArn(dataset)
        .dataSource(d -> d.dataLocation(bad.toUri().toString()))).datasetImportJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), Workflow.WAIT))
        .isEqualTo("CREATE FAILED");
    String reason = personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().failureReason();

    console.open(page("datasets", dataset));

    assertThat(reason).contains("a quoted field is never closed");
    WebElement shown = browser.await("table[data-testid=import-jobs] .reason");
    assertThat(shown.getText()).isEqualTo(reason);
    Object clipped = browser.script("""
        const clipping = [];
        for (let e = arguments[0]; e && e.tagName !== 'TABLE'; e = e.parentElement) {
          const style = getComputedStyle(e);
          if (style.textOverflow === 'ellipsis' || (style.overflowX === 'hidden' && e.scrollWidth > e.clientWidth)) clipping.push(e.tagName);
        }
        return clipping;""", shown);
    assertThat((List<?>) clipped).as("elements that would cut the reason short").isEmpty();
  }

  @Test
  void an_import_shows_the_rows_it_dropped_and_the_columns_it_ignored() throws Exception {
    Path dir = Files.createDirectories(server.localData().resolve("untidy"));
    String group = Workflow.activeGroup(personalize, "untidy");
    String dataset = Workflow.activeDataset(personalize, group, "Interactions", Schemas.INTERACTIONS);
    Path untidy = Files.writeString(dir.resolve("untidy.csv"),
        "," + GenreShop.INTERACTIONS_HEADER + "\n0,u1,i1,watch,1,1700000000\n1,u1,,watch,1,1700000001\n2,u2,i2,watch,1,1700000002\n");
    String job = personalize.createDatasetImportJob(r -> r.jobName(Workflow.unique("untidy")).datasetArn(dataset)
        .dataSource(d -> d.dataLocation(untidy.toUri().toString()))).datasetImportJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), Workflow.WAIT))
        .isEqualTo("ACTIVE");

    console.open(page("datasets", dataset));

    String notes = browser.await("table[data-testid=import-jobs] [data-testid=import-notes]").getText();
    assertThat(notes).contains("1 row dropped", "columns ignored: " + untidy + ": ''", "ITEM_ID is empty", untidy + " line 3");
  }

  @Test
  void a_batch_job_shows_its_status_input_and_output_locations() throws Exception {
    Path dir = Files.createDirectories(server.localData().resolve("batch"));
    String group = Workflow.activeGroup(personalize, "batch");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(dir.resolve("interactions.csv")));
    String version = Workflow.trainedVersion(personalize, group, "aws-hrnn", Map.of("hidden_dimension", "32", "epochs", "2", "threads", "1"));
    Path input = Files.writeString(dir.resolve("users.json"), "{\"userId\": \"user-1\"}\n{\"userId\": \"user-2\"}\n");
    String output = dir.resolve("out").toUri().toString();
    String job = personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("batch")).solutionVersionArn(version).roleArn("arn:aws:iam::000000000000:role/batch")
        .jobInput(i -> i.s3DataSource(d -> d.path(input.toUri().toString()))).jobOutput(o -> o.s3DataDestination(d -> d.path(output)))).batchInferenceJobArn();

    console.open(page("batch-jobs", job));

    browser.until(d -> browser.find("[data-testid=batch-status]").getText().contains("ACTIVE") ? true : null);
    assertThat(browser.find("[data-testid=batch-output]").getText()).isEqualTo(output);
    assertThat(browser.find("main").getText()).contains(input.toUri().toString());
    assertThat(Files.readAllLines(Path.of(java.net.URI.create(output)).resolve("users.json.out"))).hasSize(2);
  }

  @Test
  void typed_filter_values_become_the_quoted_lists_personalize_expects() {
    console.open("#/");

    assertThat(formatValue("garden")).isEqualTo("\"garden\"");
    assertThat(formatValue("garden, kitchen")).isEqualTo("\"garden\",\"kitchen\"");
    assertThat(formatValue("\"already\", 5, -2.5e3")).isEqualTo("\"already\",5,-2.5e3");
    assertThat(formatValue("\"a, b\", c")).isEqualTo("\"a, b\",\"c\"");
    assertThat(formatValue("  ")).isEmpty();
  }

  @Test
  void a_solution_created_in_the_console_carries_the_typed_hyperparameters() {
    String group = Workflow.activeGroup(personalize, "solution-form");
    String name = Workflow.unique("typed");
    console.open(page("groups", group));
    browser.expand("#solutions input[name=name]");
    browser.await("#solutions select[name=recipeArn] option[value='arn:aws:personalize:::recipe/aws-hrnn']");
    browser.type("#solutions input[name=name]", name);
    browser.type("#solutions textarea[name=hyperparameters]", "{\"hidden_dimension\": 64, \"epochs\": \"5\"}");
    browser.find("#solutions input[name=name]").findElement(By.xpath("ancestor::form//button[@type='submit']")).click();

    Await.condition(() -> personalize.listSolutions(r -> r.datasetGroupArn(group)).solutions().stream().anyMatch(s -> s.name().equals(name)),
        Workflow.WAIT, name + " listed");
    String arn = personalize.listSolutions(r -> r.datasetGroupArn(group)).solutions().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().solutionArn();
    assertThat(personalize.describeSolution(r -> r.solutionArn(arn)).solution().solutionConfig().algorithmHyperParameters())
        .containsEntry("hidden_dimension", "64").containsEntry("epochs", "5");
    assertThat(personalize.describeSolution(r -> r.solutionArn(arn)).solution().recipeArn()).isEqualTo("arn:aws:personalize:::recipe/aws-hrnn");
  }

  @Test
  void typed_hyperparameters_must_be_a_json_object() {
    console.open("#/");
    String module = "sections/solutions.js";

    assertThat(inBrowser(module, "parseHyperparameters", "{\"epochs\": 5, \"bptt\": \"8\"}")).isEqualTo("{\"epochs\":\"5\",\"bptt\":\"8\"}");
    assertThat(inBrowser(module, "parseHyperparameters", "  ")).isEqualTo("null");
    assertThat(inBrowser(module, "parseHyperparameters", "[1]")).isEqualTo("Hyperparameters must be a JSON object such as {\"epochs\": \"5\"}.");
    assertThat(inBrowser(module, "parseHyperparameters", "{epochs: 5}")).startsWith("Hyperparameters must be a JSON object: ");
  }

  @Test
  void a_typed_context_becomes_a_map_and_a_malformed_pair_is_named() {
    console.open("#/");
    assertThat(inBrowser("test-panel.js", "parseContext", "DEVICE=phone, LOCATION = home")).isEqualTo("{\"DEVICE\":\"phone\",\"LOCATION\":\"home\"}");
    assertThat(inBrowser("test-panel.js", "parseContext", "")).isEqualTo("{}");
    assertThat(inBrowser("test-panel.js", "parseContext", "DEVICE")).isEqualTo("context must be FIELD=value pairs, got 'DEVICE'.");
  }

  @Test
  void the_test_panel_asks_related_items_recipes_for_an_item() {
    console.open("#/");
    assertThat(inBrowser("test-panel.js", "recipeMode", "arn:aws:personalize:::recipe/aws-semantic-similarity")).isEqualTo("item");
    assertThat(inBrowser("test-panel.js", "recipeMode", "arn:aws:personalize:::recipe/aws-similar-items")).isEqualTo("item");
    assertThat(inBrowser("test-panel.js", "recipeMode", "arn:aws:personalize:::recipe/aws-hrnn")).isEqualTo("user");
  }

  /** The console's own filter-values module, run in the browser. */
  private static String formatValue(String typed) {
    return inBrowser("filter-values.js", "formatValue", typed);
  }

  /**
   * Calls a function of one of the console's own modules in the browser with one string: its result
   * as a string (objects and null as JSON), or the message of what it threw.
   */
  private static String inBrowser(String module, String function, String argument) {
    // A function that returns a promise is awaited.
    return (String) browser.script("return import('/console/js/' + arguments[0]).then(m => m[arguments[1]](arguments[2]))"
        + ".then(r => typeof r === 'string' ? r : JSON.stringify(r), e => e.message);", module, function, argument);
  }

  private static Optional<String> listed(String name) {
    return personalize.listDatasetGroups(r -> r.maxResults(100)).datasetGroups().stream()
        .filter(g -> g.name().equals(name)).findFirst().map(DatasetGroupSummary::datasetGroupArn);
  }

  /** The percentage in the version's progress bar, once there is one. */
  private static double percentShown() {
    String text = browser.await(".progress-text").getText();
    return Double.parseDouble(text.substring(0, text.indexOf('%')));
  }
}
