package io.tastemaker.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/** The packaged server jar running in its own JVM, so that a test can kill it hard. */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("Tastemaker ready on (http://\\S+)");

  private final Process process;
  private final URI endpoint;

  private ServerProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The jar {@code mvn package} builds; integration tests run after it. */
  public static Path jar() {
    Path jar = Path.of("target", "tastemaker.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("run 'mvn package' first: " + jar.toAbsolutePath() + " is missing");
    }
    return jar;
  }

  public static ServerProcess start(Path dataDir, String... extraArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "--add-modules", "jdk.incubator.vector", "-jar", jar().toString(), "serve", "--port", "0", "--data-dir", dataDir.toString()));
    command.addAll(List.of(extraArgs));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<URI> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                StringBuilder seen = new StringBuilder();
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    drain(out);
                    return URI.create(m.group(1));
                  }
                  seen.append(line).append('\n');
                }
                throw new IllegalStateException("the server exited before it was ready:\n" + seen);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      return new ServerProcess(process, ready.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static void drain(BufferedReader out) {
    Thread drainer =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // keep the pipe empty so the server never blocks on logging
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    drainer.setDaemon(true);
    drainer.start();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public URI endpoint() {
    return endpoint;
  }

  public PersonalizeClient personalize() {
    return PersonalizeClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public PersonalizeRuntimeClient runtime() {
    return PersonalizeRuntimeClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public PersonalizeEventsClient events() {
    return PersonalizeEventsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Kills the process with SIGKILL: no shutdown hook, no flush, no goodbye. */
  public void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      killHard();
    }
  }
}
