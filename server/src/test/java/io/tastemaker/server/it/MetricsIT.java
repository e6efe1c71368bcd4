package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Workflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;

/** {@code GET /metrics} in Prometheus' text format: requests by operation and status, their latency, resources and the JVM. */
class MetricsIT {
  private static RunningServer server;
  private static PersonalizeClient personalize;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start();
    personalize = server.personalize();
  }

  @AfterAll
  static void stop() throws Exception {
    personalize.close();
    server.close();
  }

  @Test
  void requests_are_counted_by_operation_and_status_with_their_latency() throws Exception {
    double before = sample(scrape(), "tastemaker_requests_total{operation=\"ListRecipes\",status=\"200\"}");
    for (int i = 0; i < 3; i++) {
      personalize.listRecipes(r -> {});
    }
    assertThatThrownBy(() -> personalize.describeCampaign(r -> r.campaignArn("arn:aws:personalize:us-east-1:000000000000:campaign/none")))
        .isInstanceOf(ResourceNotFoundException.class);

    String text = scrape();
    assertThat(sample(text, "tastemaker_requests_total{operation=\"ListRecipes\",status=\"200\"}")).isEqualTo(before + 3);
    assertThat(sample(text, "tastemaker_requests_total{operation=\"DescribeCampaign\",status=\"400\"}")).isEqualTo(1);
    assertThat(sample(text, "tastemaker_request_duration_seconds_count{operation=\"ListRecipes\"}")).isEqualTo(before + 3);
    assertThat(sample(text, "tastemaker_request_duration_seconds_bucket{operation=\"ListRecipes\",le=\"+Inf\"}")).isEqualTo(before + 3);
    assertThat(sample(text, "tastemaker_request_duration_seconds_sum{operation=\"ListRecipes\"}")).isGreaterThan(0);
  }

  @Test
  void unknown_operations_share_one_label() throws Exception {
    HttpResponse<String> bogus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
        .header("X-Amz-Target", "AmazonPersonalize.NoSuchThing-" + System.nanoTime()).header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bogus.statusCode()).isEqualTo(400);

    String text = scrape();
    assertThat(sample(text, "tastemaker_requests_total{operation=\"unknown\",status=\"400\"}")).isGreaterThanOrEqualTo(1);
    assertThat(text).doesNotContain("NoSuchThing");
  }

  @Test
  void resources_are_counted_by_kind_and_status_and_the_jvm_reports_its_memory() throws Exception {
    Workflow.activeGroup(personalize, "metrics");
    Workflow.activeGroup(personalize, "metrics");

    String text = scrape();
    assertThat(sample(text, "tastemaker_resources{kind=\"dataset_group\",status=\"ACTIVE\"}")).isEqualTo(2);
    assertThat(sample(text, "tastemaker_campaigns_served")).isZero();
    assertThat(text).contains("# TYPE jvm_memory_used_bytes gauge");
  }

  @Test
  void the_replica_is_named_by_a_label() throws Exception {
    Matcher info = Pattern.compile("^tastemaker_replica_info\\{replica=\"(r-[0-9a-f]{12})\"} 1(\\.0)?$", Pattern.MULTILINE).matcher(scrape());
    assertThat(info.find()).isTrue();
    assertThat(info.find()).isFalse();
  }

  private static String scrape() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
    return response.body();
  }

  /** The value of one sample line, 0 when the series does not exist yet. */
  private static double sample(String text, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
