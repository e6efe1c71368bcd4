package io.tastemaker.server.work;

import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import io.tastemaker.s3.S3Settings;
import io.tastemaker.s3.S3Uri;
import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch inference or segment job as a Spark application: a child JVM runs Spark's own {@code
 * SparkSubmit} on the configured classpath with {@code io.tastemaker.spark.BatchInferenceApp}, so
 * neither Spark nor a Spark distribution sits in the server. The job waits for the child; its exit
 * status decides ACTIVE or CREATE FAILED, and the application's failure file (else the end of its
 * log) gives the reason. Killing the job ends the child. A job that reads or writes S3 passes the
 * server's endpoint and region in the description and its credentials in the child's environment.
 */
final class SparkSubmission {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSubmission.class);
  static final String APPLICATION = "io.tastemaker.spark.BatchInferenceApp";
  /** The packages Spark needs open on Java 17, as Spark's own launcher opens them. */
  private static final List<String> JVM_OPTIONS = List.of(
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false");

  /** The Vector API's module, which makes the kernels faster where the JVM has it. */
  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  private final SparkSettings settings;
  private final S3Settings s3;

  SparkSubmission(SparkSettings settings, S3Settings s3) {
    this.settings = settings;
    this.s3 = s3;
  }

  String master() {
    return settings.master();
  }

  /**
   * A job's run on Spark: each input file (a local path or an {@code s3://} object) answered into
   * {@code <name>.out} in the output folder, with the model at {@code model}.
   */
  BatchLinesJob.ElsewhereRun runner(String jobArn, BatchJobDescription.Kind kind, String model, int numResults, Optional<ExplorationSettings> exploration) {
    return runner(jobArn, kind, model, numResults, exploration, Snapshots.NONE);
  }

  /**
   * What a job's executors read besides the model, each a local path or an {@code s3://} object:
   * its filter's snapshot, its ranking influence with the items' signals, the Items records of its
   * attribute queries and its actions' snapshot.
   */
  record Snapshots(Optional<String> filter, Optional<BatchJobDescription.Influence> influence, Optional<String> itemRecords, Optional<String> actions) {
    static final Snapshots NONE = new Snapshots(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    Snapshots withFilter(Optional<String> address) {
      return new Snapshots(address, influence, itemRecords, actions);
    }

    Snapshots withInfluence(Optional<BatchJobDescription.Influence> signals) {
      return new Snapshots(filter, signals, itemRecords, actions);
    }

    Snapshots withItemRecords(Optional<String> address) {
      return new Snapshots(filter, influence, address, actions);
    }

    Snapshots withActions(String address) {
      return new Snapshots(filter, influence, itemRecords, Optional.of(address));
    }
  }

  /** A job's run on Spark with the snapshots its executors read. */
  BatchLinesJob.ElsewhereRun runner(
      String jobArn, BatchJobDescription.Kind kind, String model, int numResults, Optional<ExplorationSettings> exploration, Snapshots snapshots) {
    return (files, output) -> {
      List<BatchJobDescription.FileJob> jobs = new ArrayList<>();
      for (SourceFile file : files) {
        String input = S3Uri.isS3(file.name()) ? file.name() : Path.of(file.name()).toAbsolutePath().toString();
        jobs.add(new BatchJobDescription.FileJob(input, output.address(), BatchLinesJob.outputName(file)));
      }
      // The failure file goes to the run's scratch folder; this one is a stand-in.
      run(new BatchJobDescription(jobArn, kind, model, numResults, exploration, snapshots.filter(), snapshots.influence(), snapshots.itemRecords(), snapshots.actions(), jobs, new BatchJobDescription.S3(Optional.ofNullable(s3.endpoint()), s3.region()),
          Path.of("failure.txt")));
    };
  }

  /** Runs the job to its end; a failed application is a {@link JobFailure} saying why. */
  private void run(BatchJobDescription asked) throws JobFailure, IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("tastemaker-spark-");
    try {
      Path description = scratch.resolve("job.json");
      Path failure = scratch.resolve("failure.txt");
      Path log = scratch.resolve("spark.log");
      BatchJobDescription job = new BatchJobDescription(asked.jobArn(), asked.kind(), asked.model(), asked.numResults(), asked.exploration(), asked.filter(),
          asked.influence(), asked.itemRecords(), asked.actions(), asked.files(), asked.s3(), failure);
      String jobArn = job.jobArn();
      job.write(description);
      ProcessBuilder builder = new ProcessBuilder(command(description)).redirectErrorStream(true).redirectOutput(log.toFile());
      if (settings.master().startsWith("local")) {
        // Local mode talks to itself only; the loopback address spares a host name look-up.
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      }
      if (readsOrWritesS3(job)) {
        // The application signs with the credentials this server signs with, however it found them.
        builder.environment().putAll(S3Settings.credentialsEnvironment());
      }
      long started = System.nanoTime();
      Process process = builder.start();
      int exit;
      try {
        exit = process.waitFor();
      } catch (InterruptedException e) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw e;
      }
      LOG.info("Spark application for {} on {} exited with {} after {} s", jobArn, settings.master(), exit, String.format("%.1f", (System.nanoTime() - started) / 1e9));
      if (exit != 0) {
        throw new JobFailure(reason(exit, failure, log));
      }
    } finally {
      deleteAll(scratch);
    }
  }

  /**
   * The child JVM's command line: Spark's SparkSubmit in client mode, so that this JVM is the
   * driver and its {@code -Xmx} the driver's heap (SparkSubmit's {@code --driver-memory} could not
   * change a running JVM's).
   */
  List<String> command(Path description) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + settings.driverMemory());
    command.addAll(JVM_OPTIONS);
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
      // The child scores with the same kernels as this server: the Vector API's products round apart
      // from the portable ones (fused multiply-adds), and a job must answer as in-process jobs do.
      command.add("--add-modules=" + VECTOR_MODULE);
    }
    command.addAll(List.of("-cp", settings.classpath(), "org.apache.spark.deploy.SparkSubmit", "--master", settings.master(), "--class", APPLICATION,
        "--name", "tastemaker batch inference", "--conf", "spark.ui.enabled=false", "spark-internal", description.toString()));
    return command;
  }

  private static boolean readsOrWritesS3(BatchJobDescription job) {
    return S3Uri.isS3(job.model()) || job.filter().filter(S3Uri::isS3).isPresent() || job.influence().filter(i -> S3Uri.isS3(i.signals())).isPresent()
        || job.itemRecords().filter(S3Uri::isS3).isPresent() || job.actions().filter(S3Uri::isS3).isPresent() || job.files().stream().anyMatch(f -> S3Uri.isS3(f.input()) || S3Uri.isS3(f.outputFolder()));
  }

  /** The application's own reason, else the last lines of its log that say what went wrong. */
  private static String reason(int exit, Path failure, Path log) throws IOException {
    if (Files.exists(failure)) {
      return Files.readString(failure, StandardCharsets.UTF_8).strip();
    }
    List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    // The first exception is the cause; what follows is its consequences.
    String said = lines.stream().filter(l -> l.contains("Exception") || l.contains("Error")).findFirst()
        .or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1))).orElse("no output").strip();
    LOG.warn("Spark application exited with status {}; its log:\n{}", exit, String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    return "The Spark application exited with status " + exit + ": " + said;
  }

  private static void deleteAll(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", folder, e.toString());
    }
  }
}
