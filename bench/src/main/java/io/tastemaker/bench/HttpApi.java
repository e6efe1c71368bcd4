package io.tastemaker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A Personalize client over plain HTTP: control-plane calls, GetRecommendations and PutEvents, unsigned. */
final class HttpApi {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI endpoint;

  HttpApi(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Calls a control-plane operation ({@code POST /}, awsJson1_1) and returns its answer. */
  JsonNode call(String operation, ObjectNode request) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(endpoint.resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "AmazonPersonalize." + operation), request);
  }

  /** GetRecommendations ({@code POST /recommendations}, restJson1). */
  JsonNode recommendations(String campaignArn, String userId, int n) throws IOException, InterruptedException {
    ObjectNode request = Json.object().put("campaignArn", campaignArn).put("userId", userId).put("numResults", n);
    return send(HttpRequest.newBuilder(endpoint.resolve("/recommendations")).header("Content-Type", "application/json"), request);
  }

  /** GetRecommendations with a filter: the answer leaves out what the filter excludes. */
  JsonNode recommendations(String campaignArn, String userId, int n, String filterArn) throws IOException, InterruptedException {
    ObjectNode request = Json.object().put("campaignArn", campaignArn).put("userId", userId).put("numResults", n).put("filterArn", filterArn);
    return send(HttpRequest.newBuilder(endpoint.resolve("/recommendations")).header("Content-Type", "application/json"), request);
  }

  /** GetPersonalizedRanking ({@code POST /personalize-ranking}, restJson1). */
  JsonNode rank(String campaignArn, String userId, java.util.List<String> items) throws IOException, InterruptedException {
    ObjectNode request = Json.object().put("campaignArn", campaignArn).put("userId", userId);
    items.forEach(request.putArray("inputList")::add);
    return send(HttpRequest.newBuilder(endpoint.resolve("/personalize-ranking")).header("Content-Type", "application/json"), request);
  }

  /** PutEvents ({@code POST /events}, restJson1). */
  JsonNode putEvents(ObjectNode request) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(endpoint.resolve("/events")).header("Content-Type", "application/json"), request);
  }

  /**
   * Polls {@code Describe<kind>} (kind such as {@code DatasetGroup}) until the resource is ACTIVE; fails
   * when its creation failed or took longer than {@code limit}.
   */
  void awaitActive(String kind, String arn, Duration limit) throws IOException, InterruptedException {
    String key = Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      JsonNode resource = call("Describe" + kind, Json.object().put(key + "Arn", arn)).get(key);
      String status = resource.path("status").asText();
      if (status.equals("ACTIVE")) {
        return;
      }
      if (status.startsWith("CREATE FAILED") || status.equals("CREATE STOPPED")) {
        throw new IllegalStateException(arn + " is " + status + ": " + resource.path("failureReason").asText());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(arn + " is still " + status + " after " + limit.toMinutes() + " minutes");
      }
      Thread.sleep(200);
    }
  }

  private JsonNode send(HttpRequest.Builder request, ObjectNode body) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.parse(response.body());
  }
}
