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
  private final StringBuffer output;

  private ServerProcess(Process process, URI endpoint, StringBuffer output) {
    this.process = process;
    this.endpoint = endpoint;
    this.output = output;
  }

  /** The jar {@code mvn package} builds; integration tests run after it. */
  public static Path jar() {
    Path jar = Path.of("target", "tastemaker.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("run 'mvn package' first: " + jar.toAbsolutePath() + " is missing");
    }
    return jar;
  }

  /** {@code tastemaker serve} on this data directory, whose parent folder is the one {@code --local-data} folder. */
  public static ServerProcess start(Path dataDir, String... extraArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("--local-data", dataDir.toAbsolutePath().getParent().toString()));
    args.addAll(List.of(extraArgs));
    return run("serve", dataDir, args);
  }

  /** {@link #start(Path, String...)} with these environment variables set as well. */
  public static ServerProcess start(Path dataDir, java.util.Map<String, String> environment, String... extraArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("--local-data", dataDir.toAbsolutePath().getParent().toString()));
    args.addAll(List.of(extraArgs));
    return run("serve", dataDir, args, environment);
  }

  /** {@code tastemaker <command> --port 0 --data-dir dataDir} with exactly these further arguments. */
  public static ServerProcess run(String command, Path dataDir, List<String> args) throws Exception {
    return run(command, dataDir, args, java.util.Map.of());
  }

  private static ServerProcess run(String command, Path dataDir, List<String> args, java.util.Map<String, String> environment) throws Exception {
    List<String> commandLine = new ArrayList<>(List.of(javaBinary(), "--add-modules", "jdk.incubator.vector", "-jar", jar().toAbsolutePath().toString(), command, "--port", "0", "--data-dir", dataDir.toString()));
    commandLine.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuffer seen = new StringBuffer();
    CompletableFuture<URI> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  seen.append(line).append('\n');
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    drain(out, seen);
                    return URI.create(m.group(1));
                  }
                }
                throw new IllegalStateException("the server exited before it was ready:\n" + seen);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      return new ServerProcess(process, ready.get(60, TimeUnit.SECONDS), seen);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Keeps the pipe empty so the server never blocks on logging, keeping what it printed. */
  private static void drain(BufferedReader out, StringBuffer seen) {
    Thread drainer =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  seen.append(line).append('\n');
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

  /** What the process printed so far (standard output and error). */
  public String output() {
    return output.toString();
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
