package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.s3.S3Settings;
import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.batch.BatchSnapshots;
import io.tastemaker.server.batch.OrderedLines;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.objects.OutputLocation;
import io.tastemaker.server.objects.SourceFile;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file side of the batch jobs (inference and segments): every line of every file at {@code
 * jobInput.s3DataSource.path} answered into {@code <input file name>.out} at {@code
 * jobOutput.s3DataDestination.path}, lines in input order, on every core. Each {@code .out} file
 * is written to a temporary file and moved or uploaded when complete; the {@code progress} member
 * shows the files and lines done while the job runs; a failed job deletes the temporary files a
 * killed run left behind.
 */
abstract class BatchLinesJob extends ResourceJob {
  private static final Logger LOG = LoggerFactory.getLogger(BatchLinesJob.class);
  private final String label;
  private final int threads;
  private final Optional<SparkSubmission> spark;

  /**
   * @param label the job's kind for messages and thread names, such as {@code batch inference}
   * @param spark where jobs run on Spark; empty to run every job in process
   * @param s3 how the Spark application reaches S3, as this server does
   */
  BatchLinesJob(ApiContext ctx, String label, Optional<SparkSettings> spark, S3Settings s3) {
    super(ctx);
    this.label = label;
    this.threads = Runtime.getRuntime().availableProcessors();
    this.spark = spark.map(settings -> new SparkSubmission(settings, s3));
  }

  /**
   * How the input lines of this job are answered, a block of up to {@link OrderedLines#BLOCK} at a
   * time: one JSON output line (without its line break) per input line, in order.
   */
  protected abstract Function<List<String>, List<String>> answerer(Resource batch) throws JobFailure;

  /** Runs a job's files somewhere other than this process (Spark), to their end. */
  @FunctionalInterface
  protected interface ElsewhereRun {
    void run(List<SourceFile> files, OutputLocation output) throws JobFailure, IOException, InterruptedException;
  }

  /** The job's model file and {@code numResults}, as the Spark application takes them. */
  protected record SparkModel(String address, int numResults) {}

  /**
   * Why a job stays in this process although a Spark master is set (logged); empty to run it on
   * Spark.
   */
  protected abstract Optional<String> whyInProcess(Resource batch, Resource version);

  /**
   * The job's run on Spark, with the snapshots of what its executors read written; empty when what
   * the job reads turns out to keep it here (say why with {@link #inProcess}).
   */
  protected abstract Optional<ElsewhereRun> onSpark(SparkSubmission spark, Resource batch, Resource version, SparkModel model) throws JobFailure;

  /** Keeps the job in this process, and logs why. */
  protected final Optional<ElsewhereRun> inProcess(Resource batch, String why) {
    LOG.info("{} job {} runs in process, not on Spark: {}", label, batch.arn(), why);
    return Optional.empty();
  }

  /** The job's solution version, which must be ACTIVE. */
  protected final Resource activeVersion(Resource batch) throws JobFailure {
    return VersionModels.activeVersion(ctx, batch.text("solutionVersionArn").orElseThrow(), "a " + label + " job");
  }

  /** Where this job runs instead of in this process: on Spark when a master is set, unless the job says why not. */
  private Optional<ElsewhereRun> elsewhere(Resource batch) throws JobFailure {
    if (spark.isEmpty()) {
      return Optional.empty();
    }
    Resource version = activeVersion(batch);
    Optional<String> why = whyInProcess(batch, version);
    if (why.isPresent()) {
      return inProcess(batch, why.get());
    }
    return onSpark(spark.get(), batch, version, new SparkModel(modelAddress(version), batch.attributes().path("numResults").asInt(25)));
  }

  @Override
  public final boolean heavy() {
    return true;
  }

  @Override
  public final void run(Job job) throws JobFailure, IOException, InterruptedException {
    Optional<Resource> found = target(job);
    if (found.isEmpty()) {
      return;
    }
    Resource batch = found.get();
    status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
    Optional<ElsewhereRun> elsewhere = elsewhere(batch);
    if (elsewhere.isPresent()) {
      long started = System.nanoTime();
      List<SourceFile> files = files(batch);
      elsewhere.get().run(files, output(batch));
      status(job, Status.ACTIVE, Optional.empty());
      LOG.info("{} {}: {} file(s) in {} s, not in this process", label, job.targetArn(), files.size(), String.format("%.2f", (System.nanoTime() - started) / 1e9));
      return;
    }
    Function<List<String>, List<String>> answer = answerer(batch);
    List<SourceFile> files = files(batch);
    OutputLocation output = output(batch);
    long started = System.nanoTime();
    long total = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, label.replace(' ', '-'));
      t.setDaemon(true);
      return t;
    });
    ProgressMember member = new ProgressMember(ctx, job.targetArn());
    try {
      OrderedLines ordered = new OrderedLines(pool, threads);
      for (int f = 0; f < files.size(); f++) {
        SourceFile file = files.get(f);
        Progress progress = new Progress(member, f, files.size(), total);
        try (InputStream in = file.open();
            OutputLocation.Pending out = output.create(outputName(file))) {
          total += ordered.mapBlocks(in, out.stream(), answer, progress::linesDone);
          out.commit();
        } catch (IOException e) {
          throw new JobFailure(capitalised(label) + " failed on " + file.name() + ": " + e.getMessage(), e);
        }
        progress.write(total, f + 1);
      }
    } finally {
      pool.shutdownNow();
    }
    status(job, Status.ACTIVE, Optional.empty());
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("{} {}: {} lines from {} file(s) in {} s ({} lines/s)", label, job.targetArn(), total, files.size(), String.format("%.2f", seconds),
        String.format("%.0f", total / Math.max(seconds, 1e-9)));
  }

  private List<SourceFile> files(Resource batch) throws JobFailure {
    try {
      return ctx.locations().list(inputPath(batch));
    } catch (LocationException e) {
      throw new JobFailure(e.getMessage(), e);
    }
  }

  private OutputLocation output(Resource batch) throws JobFailure {
    try {
      return ctx.locations().output(outputPath(batch));
    } catch (LocationException e) {
      throw new JobFailure(e.getMessage(), e);
    }
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String inputPath(Resource batch) {
    return batch.attributes().path("jobInput").path("s3DataSource").path("path").asText();
  }

  private static String outputPath(Resource batch) {
    return batch.attributes().path("jobOutput").path("s3DataDestination").path("path").asText();
  }

  /** The output file of an input file: {@code <input file name>.out}. */
  static String outputName(SourceFile file) {
    return file.name().substring(file.name().lastIndexOf('/') + 1) + ".out";
  }

  /** Fails the job, and deletes the temporary output files, Spark parts and snapshots a run killed by a crash left behind. */
  @Override
  public final void fail(Job job, String reason) {
    super.fail(job, reason);
    Optional<Resource> batch = target(job);
    if (batch.isEmpty()) {
      return;
    }
    try {
      OutputLocation output = ctx.locations().output(outputPath(batch.get()));
      for (SourceFile file : ctx.locations().list(inputPath(batch.get()))) {
        output.discardUnfinished(outputName(file));
        // A killed Spark application leaves its parts; a job run in process never has any.
        output.discardHiddenFolder(BatchJobDescription.FileJob.partFolderName(outputName(file)));
      }
    } catch (LocationException | IOException | RuntimeException e) {
      LOG.debug("no unfinished output of {} to delete: {}", job.targetArn(), e.toString());
    }
    deleteSnapshots(batch.get());
  }

  /** What writes a job's snapshot for Spark. */
  @FunctionalInterface
  protected interface SnapshotWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes an object of the job's that the Spark application reads ({@link BatchSnapshots}), whole
   * or not at all; returns where the application finds it.
   */
  protected final String writeSnapshot(String key, SnapshotWriter writer) throws JobFailure {
    try (ObjectStore.PendingObject object = ctx.objects().create(key)) {
      writer.write(object.stream());
      object.commit();
    } catch (IOException e) {
      throw new JobFailure("The " + label + " job's " + key + " cannot be written for Spark: " + e.getMessage(), e);
    }
    return ctx.objects().addressOf(key).orElseThrow();
  }

  /** Where the Spark application reads a version's model file: a local path or an {@code s3://} address. */
  private String modelAddress(Resource version) throws JobFailure {
    String key = ModelFiles.keyOf(version).orElseThrow(() -> new JobFailure("The solution version " + version.arn() + " has no model."));
    return ctx.objects().addressOf(key).orElseThrow();
  }

  /** The run, then the job's snapshots deleted, however it ended. */
  protected final ElsewhereRun deletingSnapshots(Resource batch, ElsewhereRun run) {
    return (files, output) -> {
      try {
        run.run(files, output);
      } finally {
        deleteSnapshots(batch);
      }
    };
  }

  /** Deletes the job's snapshots for Spark, those of a killed run included. */
  private void deleteSnapshots(Resource batch) {
    try {
      ctx.objects().deleteAll(BatchSnapshots.folderOf(batch.arn()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot delete the snapshots of {}: {}", batch.arn(), e.toString());
    }
  }

  /** Files and lines done, in the job's progress member. */
  private static final class Progress {
    private final ProgressMember member;
    private final int file;
    private final int files;
    private final long before;

    Progress(ProgressMember member, int file, int files, long before) {
      this.member = member;
      this.file = file;
      this.files = files;
      this.before = before;
    }

    void linesDone(long lines) {
      member.offer(progress -> fill(progress, before + lines, file));
    }

    void write(long lines, int filesDone) {
      member.write(progress -> fill(progress, lines, filesDone));
    }

    private void fill(ObjectNode progress, long lines, int filesDone) {
      progress.put("filesDone", filesDone);
      progress.put("files", files);
      progress.put("linesDone", lines);
    }
  }
}
