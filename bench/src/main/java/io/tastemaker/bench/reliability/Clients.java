package io.tastemaker.bench.reliability;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/**
 * The three AWS SDK for Java v2 clients, signing with the run's access key and never retrying, so
 * that every error the server answers is seen and counted.
 */
record Clients(PersonalizeClient control, PersonalizeRuntimeClient runtime, PersonalizeEventsClient events, SdkHttpClient http) implements AutoCloseable {
  static final Region REGION = Region.US_EAST_1;

  static Clients of(URI endpoint, AccessKey key) {
    SdkHttpClient http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).connectionTimeout(Duration.ofSeconds(10)).build();
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret()));
    ClientOverrideConfiguration noRetries = ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    return new Clients(
        PersonalizeClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials).httpClient(http).overrideConfiguration(noRetries).build(),
        PersonalizeRuntimeClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials).httpClient(http).overrideConfiguration(noRetries).build(),
        PersonalizeEventsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(credentials).httpClient(http).overrideConfiguration(noRetries).build(),
        http);
  }

  @Override
  public void close() {
    control.close();
    runtime.close();
    events.close();
    http.close();
  }
}
