package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.MotoServer;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Workflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.MetricAttribute;
import software.amazon.awssdk.services.personalize.model.MetricAttribution;
import software.amazon.awssdk.services.personalize.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Metric attributions through the AWS SDK for Java v2, boto3 and the AWS CLI: metrics of imported and
 * streamed events split by event attribution source, an import's metrics published to S3 (moto), the
 * totals on /metrics, updates, deletion and bad expressions.
 */
class MetricAttributionSdkIT {
  private static final String INTERACTIONS =
      """
      {"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},
        {"name":"EVENT_VALUE","type":["null","float"]},{"name":"TIMESTAMP","type":"long"},
        {"name":"EVENT_ATTRIBUTION_SOURCE","type":["null","string"]}],"version":"1.0"}""";
  private static final String ITEMS =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},{"name":"GENRE","type":["null","string"],"categorical":true},
        {"name":"PRICE","type":["null","float"]}],"version":"1.0"}""";
  private static final long T0 = 1_700_000_400L;
  private static final long HOUR = T0 / 3600 * 3600;

  private static MotoServer moto;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String group;
  private static String interactions;
  private static String attribution;
  private static String importJob;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(r -> r.bucket("attribution-reports"));
    }
    server = RunningServer.start(RunningServer.config(dir.resolve("data")).withS3Endpoint(Optional.of(moto.endpoint())));
    personalize = server.personalize();
    group = Workflow.activeGroup(personalize, "attribution");
    Workflow.importInto(personalize, group, "Items", ITEMS, Files.writeString(dir.resolve("items.csv"), "ITEM_ID,GENRE,PRICE\nitem-1,a,2.5\nitem-2,b,10\n"));
    interactions = Workflow.activeDataset(personalize, group, "Interactions", INTERACTIONS);
    attribution =
        personalize.createMetricAttribution(r -> r.name(Workflow.unique("impact")).datasetGroupArn(group)
                .metrics(metric("purchase", "REVENUE", "SUM(Items.PRICE)"), metric("click", "CLICKS", "SAMPLECOUNT()"))
                .metricsOutputConfig(o -> o.roleArn("arn:aws:iam::000000000000:role/p").s3DataDestination(d -> d.path("s3://attribution-reports/out/"))))
            .metricAttributionArn();
    assertThat(Await.finalStatus(() -> personalize.describeMetricAttribution(r -> r.metricAttributionArn(attribution)).metricAttribution().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    Path csv = Files.writeString(dir.resolve("interactions.csv"), String.join("\n",
        "USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP,EVENT_ATTRIBUTION_SOURCE",
        "u1,item-1,purchase,," + T0 + ",campaign-a",
        "u2,item-2,purchase,," + (T0 + 10) + ",campaign-a",
        "u3,item-2,purchase,," + (T0 + 3600) + ",campaign-b",
        "u1,item-1,click,3," + T0 + ",campaign-a",
        "u2,item-1,click,4," + T0 + ",",
        ""));
    String job = personalize.createDatasetImportJob(r -> r.jobName("attributed-import").datasetArn(interactions).publishAttributionMetricsToS3(true)
            .dataSource(s -> s.dataLocation(csv.toString())))
        .datasetImportJobArn();
    assertThat(Await.finalStatus(() -> personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(job)).datasetImportJob().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
    importJob = "attributed-import";
  }

  @AfterAll
  static void stop() throws Exception {
    personalize.close();
    server.close();
    moto.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static MetricAttribute metric(String eventType, String name, String expression) {
    return MetricAttribute.builder().eventType(eventType).metricName(name).expression(expression).build();
  }

  private static String scrape() throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The gauge's value for these labels, whatever order the exposition writes them in. */
  private static Optional<Double> gauge(String metrics, String metric, String eventType, String source) {
    String name = personalize.describeMetricAttribution(r -> r.metricAttributionArn(attribution)).metricAttribution().name();
    List<String> labels =
        List.of("metric_attribution=\"" + name + "\"", "metric=\"" + metric + "\"", "event_type=\"" + eventType + "\"", "event_attribution_source=\"" + source + "\"");
    return metrics.lines()
        .filter(l -> l.startsWith("tastemaker_attribution_metric{"))
        .filter(l -> List.of(l.substring(l.indexOf('{') + 1, l.indexOf('}')).split(",")).containsAll(labels))
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }

  @Test
  void an_import_publishes_its_metrics_by_source_and_hour_to_s3() {
    String name = personalize.describeMetricAttribution(r -> r.metricAttributionArn(attribution)).metricAttribution().name();
    try (S3Client s3 = moto.s3()) {
      // Published right after the import turns ACTIVE.
      Await.condition(() -> s3.listObjectsV2(r -> r.bucket("attribution-reports")).contents().stream().anyMatch(o -> o.key().equals("out/" + name + "/" + importJob + ".csv")),
          Workflow.WAIT, "the import's report is in S3");
      List<String> lines = s3.getObjectAsBytes(r -> r.bucket("attribution-reports").key("out/" + name + "/" + importJob + ".csv")).asUtf8String().lines().toList();
      assertThat(lines).containsExactly(
          "METRIC_NAME,EVENT_TYPE,EVENT_ATTRIBUTION_SOURCE,TIMESTAMP,VALUE",
          "CLICKS,click,NONE," + HOUR + ",1.0",
          "CLICKS,click,campaign-a," + HOUR + ",1.0",
          "REVENUE,purchase,campaign-a," + HOUR + "," + (2.5 + 10.0),
          "REVENUE,purchase,campaign-b," + (HOUR + 3600) + ",10.0");
    }
  }

  @Test
  void streamed_events_add_to_the_totals_on_the_metrics_endpoint() throws Exception {
    String trackingId = Workflow.trackingId(personalize, group);
    try (PersonalizeEventsClient events = server.events()) {
      events.putEvents(r -> r.trackingId(trackingId).userId("u9").sessionId("s9").eventList(
          Event.builder().eventType("purchase").itemId("item-1").sentAt(Instant.ofEpochSecond(T0 + 7200))
              .metricAttribution(m -> m.eventAttributionSource("campaign-a")).build()));
    }
    Await.condition(() -> {
      try {
        return gauge(scrape(), "REVENUE", "purchase", "campaign-a").equals(Optional.of(2.5 + 10.0 + 2.5));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, Workflow.WAIT, "REVENUE for campaign-a counts the streamed purchase");
    String metrics = scrape();
    assertThat(gauge(metrics, "REVENUE", "purchase", "campaign-b")).contains(10.0);
    assertThat(gauge(metrics, "CLICKS", "click", "NONE")).contains(1.0);
  }

  @Test
  void metrics_are_listed_updated_and_bad_expressions_refused() {
    assertThat(personalize.listMetricAttributionMetrics(r -> r.metricAttributionArn(attribution)).metrics()).extracting(MetricAttribute::metricName).containsExactly("REVENUE", "CLICKS");
    assertThatThrownBy(() -> personalize.updateMetricAttribution(r -> r.metricAttributionArn(attribution).addMetrics(metric("click", "AVERAGE", "AVG(Interactions.EVENT_VALUE)"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("addMetrics[0].expression must be SAMPLECOUNT() or SUM(DATASET.COLUMN)")
        .hasMessageContaining("got AVG(Interactions.EVENT_VALUE)");
    assertThatThrownBy(() -> personalize.updateMetricAttribution(r -> r.metricAttributionArn(attribution).addMetrics(metric("click", "GENRES", "SUM(Items.GENRE)"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("addMetrics[0].expression sums Items.GENRE, but the Items schema has no numeric field GENRE (it is string)");
    personalize.updateMetricAttribution(r -> r.metricAttributionArn(attribution).addMetrics(metric("click", "CLICK_VALUE", "SUM(Interactions.EVENT_VALUE)")).removeMetrics("CLICKS"));
    assertThat(personalize.listMetricAttributionMetrics(r -> r.metricAttributionArn(attribution)).metrics()).extracting(MetricAttribute::metricName).containsExactly("REVENUE", "CLICK_VALUE");
    assertThatThrownBy(() -> personalize.createMetricAttribution(r -> r.name(Workflow.unique("second")).datasetGroupArn(group).metrics(metric("click", "C", "SAMPLECOUNT()"))
            .metricsOutputConfig(o -> o.roleArn("arn:aws:iam::000000000000:role/p"))))
        .isInstanceOf(ResourceAlreadyExistsException.class);
    MetricAttribution described = personalize.describeMetricAttribution(r -> r.metricAttributionArn(attribution)).metricAttribution();
    assertThat(described.metricsOutputConfig().s3DataDestination().path()).isEqualTo("s3://attribution-reports/out/");
    assertThat(personalize.listMetricAttributions(r -> r.datasetGroupArn(group)).metricAttributions()).extracting(s -> s.metricAttributionArn()).containsExactly(attribution);
  }

  @Test
  void boto3_and_the_aws_cli_manage_attributions_and_deletion_removes_one() throws Exception {
    String other = Workflow.activeGroup(personalize, "attribution-clients");
    String output = DatasetExportSdkIT.run(List.of("python3", Path.of("src/test/python/boto3_lifecycle.py").toString(), server.endpoint().toString(), "attribution", other));
    assertThat(output).contains("boto3 attribution: ok");
    String third = Workflow.activeGroup(personalize, "attribution-cli");
    String created = DatasetExportSdkIT.cli(server.endpoint(), "personalize", "create-metric-attribution", "--name", "cli-attribution", "--dataset-group-arn", third,
        "--metrics", "[{\"eventType\":\"click\",\"metricName\":\"CLICKS\",\"expression\":\"SAMPLECOUNT()\"}]",
        "--metrics-output-config", "{\"roleArn\":\"arn:aws:iam::000000000000:role/p\"}", "--query", "metricAttributionArn", "--output", "text").trim();
    assertThat(created).endsWith("metric-attribution/cli-attribution");
    Await.finalStatus(() -> personalize.describeMetricAttribution(r -> r.metricAttributionArn(created)).metricAttribution().status(), Workflow.WAIT);
    assertThat(DatasetExportSdkIT.cli(server.endpoint(), "personalize", "list-metric-attribution-metrics", "--metric-attribution-arn", created, "--query", "metrics[0].metricName", "--output", "text").trim()).isEqualTo("CLICKS");
    DatasetExportSdkIT.cli(server.endpoint(), "personalize", "update-metric-attribution", "--metric-attribution-arn", created, "--remove-metrics", "CLICKS",
        "--add-metrics", "[{\"eventType\":\"buy\",\"metricName\":\"BUYS\",\"expression\":\"SAMPLECOUNT()\"}]");
    assertThat(DatasetExportSdkIT.cli(server.endpoint(), "personalize", "list-metric-attributions", "--dataset-group-arn", third, "--query", "metricAttributions[0].status", "--output", "text").trim()).isEqualTo("ACTIVE");
    DatasetExportSdkIT.cli(server.endpoint(), "personalize", "delete-metric-attribution", "--metric-attribution-arn", created);
    Await.condition(() -> {
      try {
        personalize.describeMetricAttribution(r -> r.metricAttributionArn(created));
        return false;
      } catch (ResourceNotFoundException e) {
        return true;
      }
    }, Workflow.WAIT, "the deleted attribution is gone");
    assertThat(DatasetExportSdkIT.cli(server.endpoint(), "personalize", "describe-metric-attribution", "--metric-attribution-arn", attribution, "--query", "metricAttribution.status", "--output", "text").trim()).isEqualTo("ACTIVE");
  }
}
