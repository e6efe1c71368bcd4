package io.tastemaker.server.it;

import static io.tastemaker.server.testing.ConsoleFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Browser;
import io.tastemaker.server.testing.ConsoleFixture;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Screenshot;
import io.tastemaker.server.testing.Workflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJob;
import software.amazon.awssdk.services.personalize.model.DataDeletionJob;
import software.amazon.awssdk.services.personalize.model.DatasetExportJob;
import software.amazon.awssdk.services.personalize.model.MetricAttribute;

/**
 * The data lifecycle in the console (Chromium) against an open server: a dataset export, a data
 * deletion and a metric attribution created from the group page and listed there with their status;
 * the attribution's chart drawing each metric per hour and attribution source after an import, with
 * the values computed by hand; the attribution updated and deleted from the page; and an
 * aws-item-affinity version offering batch segment jobs instead of campaigns, one created from its
 * page and finished.
 */
class ConsoleLifecycleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INTERACTIONS =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},
        {"name":"EVENT_VALUE","type":["null","float"]},{"name":"TIMESTAMP","type":"long"},
        {"name":"EVENT_ATTRIBUTION_SOURCE","type":["null","string"]}],"version":"1.0"}""";
  private static final String ITEMS =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},{"name":"PRICE","type":["null","float"]}],"version":"1.0"}""";
  private static final long T0 = 1_700_000_400L;
  private static final long HOUR = T0 / 3600 * 3600;

  private static ConsoleFixture console;
  private static Browser browser;
  private static PersonalizeClient personalize;
  private static Path data;
  /** The genre shop with a trained aws-item-affinity version and nothing else. */
  private static String shop;
  private static String affinity;
  /** A small group with Items and an Interactions dataset that has EVENT_ATTRIBUTION_SOURCE. */
  private static String attributed;
  private static String attributedInteractions;

  @BeforeAll
  static void start() throws Exception {
    console = ConsoleFixture.start(RunningServer.start());
    browser = console.browser();
    personalize = console.personalize();
    data = console.server().localData();
    Path fixture = Files.createDirectories(data.resolve("fixture"));
    shop = Workflow.activeGroup(personalize, "shop");
    Workflow.importGenreShop(personalize, shop, fixture);
    affinity = Workflow.trainedVersion(personalize, shop, "aws-item-affinity", Map.of());
    attributed = Workflow.activeGroup(personalize, "attributed");
    Workflow.importInto(personalize, attributed, "Items", ITEMS, Files.writeString(fixture.resolve("priced-items.csv"), "ITEM_ID,PRICE\nitem-1,2.5\nitem-2,10\n"));
    attributedInteractions = Workflow.activeDataset(personalize, attributed, "Interactions", INTERACTIONS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
  }

  /** Picks an option of a create form's select once the form has loaded it. */
  private static void select(String form, String name, String value) {
    String css = "[data-testid=" + form + "] select[name=" + name + "]";
    browser.until(d -> browser.findAll(css + " option").stream().anyMatch(o -> value.equals(o.getDomAttribute("value"))) ? true : null);
    browser.script("const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));", css, value);
  }

  private static void submit(String form) {
    browser.click("[data-testid=" + form + "] button[type=submit]");
  }

  /** Waits until the table's row naming {@code name} contains every one of {@code texts}, and returns the row's text. */
  private static String awaitRow(String table, String name, String... texts) {
    return browser.until(Workflow.TRAINING, d -> browser.findAll("table[data-testid=" + table + "] tbody tr").stream().map(WebElement::getText)
        .filter(t -> t.contains(name) && List.of(texts).stream().allMatch(t::contains)).findFirst().orElse(null));
  }

  @Test
  void an_export_created_in_the_console_is_listed_with_its_mode_destination_and_status() throws Exception {
    String group = Workflow.activeGroup(personalize, "export");
    Path csv = Files.writeString(data.resolve("fixture").resolve(Workflow.unique("export") + ".csv"),
        GenreShop.INTERACTIONS_HEADER + "\nu1,m1,watch,1," + GenreShop.BASE + "\nu2,m2,watch,1," + (GenreShop.BASE + 5) + "\n");
    String dataset = Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, csv);
    Path out = data.resolve("console-exports");
    String name = Workflow.unique("export");

    console.open(page("groups", group));
    browser.expand("[data-testid=create-export]");
    select("create-export", "datasetArn", dataset);
    browser.type("[data-testid=create-export] input[name=jobName]", name);
    select("create-export", "ingestionMode", "BULK");
    browser.type("[data-testid=create-export] input[name=path]", out.toString());
    submit("create-export");

    String row = awaitRow("export-jobs", name, "ACTIVE");
    assertThat(row).contains("Interactions").contains("BULK").contains(out.toString());
    DatasetExportJob job = personalize.describeDatasetExportJob(r -> r.datasetExportJobArn(
        personalize.listDatasetExportJobs(l -> l.datasetArn(dataset)).datasetExportJobs().get(0).datasetExportJobArn())).datasetExportJob();
    assertThat(job.jobName()).isEqualTo(name);
    assertThat(job.ingestionModeAsString()).isEqualTo("BULK");
    assertThat(Files.readAllLines(out.resolve(name).resolve("part-00000.csv"))).hasSize(3).first().isEqualTo(GenreShop.INTERACTIONS_HEADER);
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void a_deletion_created_in_the_console_is_listed_completed_with_the_records_it_removed() throws Exception {
    String group = Workflow.activeGroup(personalize, "forget");
    Path csv = Files.writeString(data.resolve("fixture").resolve(Workflow.unique("forget") + ".csv"), GenreShop.INTERACTIONS_HEADER
        + "\nleaver,m1,watch,1," + GenreShop.BASE + "\nleaver,m2,watch,1," + (GenreShop.BASE + 5) + "\nstayer,m1,watch,1," + (GenreShop.BASE + 9) + "\n");
    Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, csv);
    Path users = Files.writeString(data.resolve(Workflow.unique("users") + ".csv"), "USER_ID\nleaver\n");
    String name = Workflow.unique("forget");

    console.open(page("groups", group));
    browser.expand("[data-testid=create-deletion]");
    browser.type("[data-testid=create-deletion] input[name=jobName]", name);
    browser.type("[data-testid=create-deletion] input[name=dataLocation]", users.toString());
    submit("create-deletion");

    String row = awaitRow("deletion-jobs", name, "COMPLETED");
    DataDeletionJob job = personalize.describeDataDeletionJob(r -> r.dataDeletionJobArn(
        personalize.listDataDeletionJobs(l -> l.datasetGroupArn(group)).dataDeletionJobs().get(0).dataDeletionJobArn())).dataDeletionJob();
    assertThat(job.jobName()).isEqualTo(name);
    assertThat(job.status()).isEqualTo("COMPLETED");
    assertThat(job.numDeleted()).isGreaterThanOrEqualTo(2);
    assertThat(browser.find("table[data-testid=deletion-jobs] td.deleted").getText()).isEqualTo(String.valueOf(job.numDeleted()));
    assertThat(row).contains(users.toString());
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void a_metric_attribution_made_in_the_console_charts_each_metric_per_hour_and_source_and_is_updated_and_deleted_there() throws Exception {
    String name = Workflow.unique("impact");
    console.open(page("groups", attributed));
    browser.expand("[data-testid=create-attribution]");
    browser.type("[data-testid=create-attribution] input[name=name]", name);
    browser.type("[data-testid=create-attribution] textarea[name=metrics]", "purchase, REVENUE, SUM(Items.PRICE)\nclick, CLICKS, SAMPLECOUNT()");
    submit("create-attribution");
    browser.until(d -> browser.findAll("[data-testid=attribution-status]").stream().anyMatch(b -> b.getText().equals("ACTIVE")) ? true : null);
    String arn = personalize.listMetricAttributions(r -> r.datasetGroupArn(attributed)).metricAttributions().get(0).metricAttributionArn();
    assertThat(personalize.describeMetricAttribution(r -> r.metricAttributionArn(arn)).metricAttribution().name()).isEqualTo(name);
    assertThat(browser.find("table[data-testid=attribution-metrics]").getText()).contains("REVENUE").contains("SUM(Items.PRICE)").contains("CLICKS");

    Path csv = Files.writeString(data.resolve("fixture").resolve("attributed.csv"), String.join("\n",
        "USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP,EVENT_ATTRIBUTION_SOURCE",
        "u1,item-1,purchase,," + T0 + ",campaign-a",
        "u2,item-2,purchase,," + (T0 + 10) + ",campaign-a",
        "u3,item-2,purchase,," + (T0 + 3600) + ",campaign-b",
        "u4,item-1,purchase,," + (T0 + 10_800) + ",campaign-a",
        "u1,item-1,click,3," + T0 + ",campaign-a",
        "u2,item-1,click,4," + (T0 + 7200) + ",",
        ""));
    Workflow.importCsv(personalize, attributedInteractions, csv);

    console.open(page("groups", attributed));
    assertThat(points("REVENUE")).isEqualTo(Map.of("campaign-a@" + HOUR, 12.5, "campaign-b@" + (HOUR + 3600), 10.0, "campaign-a@" + (HOUR + 10_800), 2.5));
    // campaign-a's line runs through 0 in the two hours without its events; campaign-b has one point and no line.
    assertThat(browser.find("svg[data-testid=attribution-chart][data-metric=REVENUE] polyline[data-source=campaign-a]").getDomAttribute("points").split(" ")).hasSize(4);
    assertThat(browser.findAll("svg[data-testid=attribution-chart][data-metric=REVENUE] polyline[data-source=campaign-b]")).isEmpty();
    assertThat(points("CLICKS")).isEqualTo(Map.of("campaign-a@" + HOUR, 1.0, "NONE@" + (HOUR + 7200), 1.0));
    assertThat(browser.findAll("svg[data-testid=attribution-chart][data-metric=REVENUE] .legend")).extracting(WebElement::getText)
        .containsExactly("campaign-a", "campaign-b");
    WebElement chart = browser.find("svg[data-testid=attribution-chart][data-metric=REVENUE]");
    browser.script("arguments[0].scrollIntoView();", chart);
    Screenshot.keep(browser.screenshot(chart), "attribution-chart");

    browser.expand("[data-testid=update-attribution]");
    browser.type("[data-testid=update-attribution] textarea[name=addMetrics]", "purchase, ORDERS, SAMPLECOUNT()");
    browser.type("[data-testid=update-attribution] input[name=removeMetrics]", "CLICKS");
    submit("update-attribution");
    Await.condition(() -> personalize.listMetricAttributionMetrics(r -> r.metricAttributionArn(arn)).metrics().stream().map(MetricAttribute::metricName)
        .collect(Collectors.toSet()).equals(Set.of("REVENUE", "ORDERS")), Workflow.WAIT, "the update adds ORDERS and removes CLICKS");
    browser.until(d -> browser.findAll("svg[data-testid=attribution-chart][data-metric=ORDERS]").isEmpty() ? null : true);
    assertThat(points("ORDERS")).isEqualTo(Map.of("campaign-a@" + HOUR, 2.0, "campaign-b@" + (HOUR + 3600), 1.0, "campaign-a@" + (HOUR + 10_800), 1.0));
    assertThat(browser.findAll("svg[data-testid=attribution-chart][data-metric=CLICKS]")).isEmpty();

    browser.click("#attribution button[data-testid=delete]");
    browser.click("#attribution button[data-testid=confirm-delete]");
    Await.condition(() -> personalize.listMetricAttributions(r -> r.datasetGroupArn(attributed)).metricAttributions().isEmpty(), Workflow.WAIT, name + " deleted");
    browser.until(d -> browser.findAll("[data-testid=create-attribution]").isEmpty() ? null : true);
    assertThat(browser.pageErrors()).isEmpty();
  }

  /** The chart's points for a metric: "source@windowStart" to value. */
  private static Map<String, Double> points(String metric) {
    List<WebElement> circles = browser.until(d -> {
      List<WebElement> found = browser.findAll("svg[data-testid=attribution-chart][data-metric=" + metric + "] circle.point");
      return found.isEmpty() ? null : found;
    });
    return circles.stream().collect(Collectors.toMap(c -> c.getDomAttribute("data-source") + "@" + c.getDomAttribute("data-time"),
        c -> Double.parseDouble(c.getDomAttribute("data-value"))));
  }

  @Test
  void the_attribution_endpoint_names_the_member_and_the_missing_attribution() throws Exception {
    HttpResponse<String> missing = postConsole("{}");
    HttpResponse<String> unknown = postConsole("{\"metricAttributionArn\":\"arn:aws:personalize:us-east-1:000000000000:metric-attribution/none\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(missing.body()).get("message").asText()).contains("metricAttributionArn must be a non-empty string, got nothing");
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode body = JSON.readTree(unknown.body());
    assertThat(body.get("__type").asText()).isEqualTo("ResourceNotFoundException");
    assertThat(body.get("message").asText()).contains("metric-attribution/none does not exist");
  }

  private static HttpResponse<String> postConsole(String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(console.server().endpoint() + "/console/api/attribution-metrics"))
        .header("Content-Type", "application/json").header("X-Tastemaker-Console", "1").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_item_affinity_version_offers_batch_segment_jobs_instead_of_campaigns_and_one_runs_from_its_page() throws Exception {
    Path input = Files.writeString(data.resolve(Workflow.unique("segments") + ".json"),
        "{\"itemId\": \"" + GenreShop.movieId(3) + "\"}\n{\"itemId\": \"" + GenreShop.movieId(61) + "\"}\n");
    Path out = data.resolve(Workflow.unique("segments-out"));
    String name = Workflow.unique("fans");

    console.open(page("versions", affinity));
    assertThat(browser.findAll("table[data-testid=batch-jobs]")).isEmpty();
    browser.expand("[data-testid=create-segment-job]");
    select("create-segment-job", "solutionVersionArn", affinity);
    browser.type("[data-testid=create-segment-job] input[name=jobName]", name);
    browser.type("[data-testid=create-segment-job] input[name=input]", input.toString());
    browser.type("[data-testid=create-segment-job] input[name=output]", out.toString());
    browser.type("[data-testid=create-segment-job] input[name=numResults]", "5");
    submit("create-segment-job");

    // A finished batch segment job is ACTIVE in Personalize, as a finished batch inference job is.
    String row = awaitRow("segment-jobs", name, "ACTIVE");
    assertThat(row).contains(input.toString()).contains(out.toString());
    BatchSegmentJob job = personalize.listBatchSegmentJobs(r -> r.solutionVersionArn(affinity)).batchSegmentJobs().stream()
        .filter(j -> j.jobName().equals(name)).findFirst()
        .map(j -> personalize.describeBatchSegmentJob(r -> r.batchSegmentJobArn(j.batchSegmentJobArn())).batchSegmentJob()).orElseThrow();
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertThat(job.numResults()).isEqualTo(5);
    List<String> lines = Files.readAllLines(out.resolve(input.getFileName() + ".out"));
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(JSON.readTree(line).path("output").path("recommendedUsers")).hasSize(5));

    browser.click("table[data-testid=segment-jobs] a");
    browser.until(d -> browser.currentUrl().contains("#/segment-jobs/") ? true : null);
    browser.awaitReady();
    assertThat(browser.await("[data-testid=segment-status]").getText()).isEqualTo("ACTIVE");

    console.open(page("groups", shop));
    awaitRow("segment-jobs", name, "ACTIVE");
    WebElement section = browser.find("#segment-jobs");
    browser.script("arguments[0].scrollIntoView();", section);
    Screenshot.keep(browser.screenshot(section), "segment-jobs");
    browser.expand("#campaigns details.create summary");
    browser.until(d -> browser.findAll("#campaigns select[name=solutionVersionArn] option").stream().map(WebElement::getText)
        .anyMatch(t -> t.contains("No ACTIVE solution version")) ? true : null);
    assertThat(browser.pageErrors()).isEmpty();
  }
}
