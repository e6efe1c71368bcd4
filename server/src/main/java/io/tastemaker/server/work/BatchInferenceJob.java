package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.batch.BatchLineAnswers;
import io.tastemaker.server.batch.OrderedLines;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.objects.OutputLocation;
import io.tastemaker.server.objects.SourceFile;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.CampaignSettings;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.ModelFaults;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.serving.RankingWeights;
import io.tastemaker.server.serving.RecommendationCache;
import io.tastemaker.server.serving.ServedModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateBatchInferenceJob's work: every line of every input file answered by the solution version's
 * model, as it was trained (no streamed events), into {@code <input file name>.out} in the output
 * folder, lines in input order, on every core. The job's {@code progress} attribute shows the files
 * and lines done while it runs.
 */
public final class BatchInferenceJob extends ResourceJob {
  private static final Logger LOG = LoggerFactory.getLogger(BatchInferenceJob.class);
  private final ModelAnswers answers;
  private final int threads;

  public BatchInferenceJob(ApiContext ctx, ModelAnswers answers) {
    super(ctx);
    this.answers = answers;
    this.threads = Runtime.getRuntime().availableProcessors();
  }

  @Override
  public boolean heavy() {
    return true;
  }

  @Override
  public void run(Job job) throws JobFailure, IOException, InterruptedException {
    Optional<Resource> found = target(job);
    if (found.isEmpty()) {
      return;
    }
    Resource batch = found.get();
    status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
    ServedModel served = model(batch);
    String inputPath = batch.attributes().path("jobInput").path("s3DataSource").path("path").asText();
    String outputPath = batch.attributes().path("jobOutput").path("s3DataDestination").path("path").asText();
    List<SourceFile> files;
    OutputLocation output;
    try {
      files = ctx.locations().list(inputPath);
      output = ctx.locations().output(outputPath);
    } catch (LocationException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    BatchLineAnswers lines = new BatchLineAnswers(answers, served, batch.attributes().path("numResults").asInt(25), Optional.ofNullable(batch.attributes().get("filterArn")).map(JsonNode::asText));
    long started = System.nanoTime();
    long total = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "batch-inference");
      t.setDaemon(true);
      return t;
    });
    ProgressMember member = new ProgressMember(ctx, job.targetArn());
    try {
      OrderedLines ordered = new OrderedLines(pool, threads);
      for (int f = 0; f < files.size(); f++) {
        SourceFile file = files.get(f);
        String name = outputName(file);
        Progress progress = new Progress(member, f, files.size(), total);
        try (InputStream in = file.open();
            OutputLocation.Pending out = output.create(name)) {
          total += ordered.map(in, out.stream(), lines::answer, progress::linesDone);
          out.commit();
        } catch (IOException e) {
          throw new JobFailure("Batch inference failed on " + file.name() + ": " + e.getMessage(), e);
        }
        progress.write(total, f + 1);
      }
    } finally {
      pool.shutdownNow();
    }
    status(job, Status.ACTIVE, Optional.empty());
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("batch inference {}: {} lines from {} file(s) in {} s ({} lines/s)", job.targetArn(), total, files.size(), String.format("%.2f", seconds),
        String.format("%.0f", total / Math.max(seconds, 1e-9)));
  }

  /** The output file of an input file: {@code <input file name>.out}. */
  private static String outputName(SourceFile file) {
    return file.name().substring(file.name().lastIndexOf('/') + 1) + ".out";
  }

  /** Fails the job, and deletes the temporary output files a run killed by a crash left behind. */
  @Override
  public void fail(Job job, String reason) {
    super.fail(job, reason);
    Optional<Resource> batch = target(job);
    if (batch.isEmpty()) {
      return;
    }
    try {
      OutputLocation output = ctx.locations().output(batch.get().attributes().path("jobOutput").path("s3DataDestination").path("path").asText());
      for (SourceFile file : ctx.locations().list(batch.get().attributes().path("jobInput").path("s3DataSource").path("path").asText())) {
        output.discardUnfinished(outputName(file));
      }
    } catch (LocationException | IOException | RuntimeException e) {
      LOG.debug("no unfinished output of {} to delete: {}", job.targetArn(), e.toString());
    }
  }

  /** The solution version's model, as a batch sees it: nothing streamed since training, the job's ranking influence and exploration. */
  private ServedModel model(Resource batch) throws JobFailure {
    String versionArn = batch.text("solutionVersionArn").orElseThrow();
    Resource version = ctx.db().read(tx -> ctx.resources().find(tx, versionArn)).orElseThrow(() -> new JobFailure("The solution version " + versionArn + " no longer exists."));
    if (!version.hasStatus(Status.ACTIVE)) {
      throw new JobFailure("The solution version " + versionArn + " is " + version.statusOrEmpty() + ", not ACTIVE; batch inference needs a trained model.");
    }
    String key = ModelFiles.keyOf(version).orElseThrow(() -> new JobFailure("The solution version " + versionArn + " has no model."));
    Recommender model;
    try {
      model = ModelFiles.load(ctx, key);
    } catch (DamagedObjectException e) {
      new ModelFaults(ctx).versionDamaged(versionArn, e);
      throw new JobFailure(
          "Batch inference needs the model of the solution version " + versionArn + ", which cannot be loaded: " + e.getMessage()
              + ". Train a new solution version (CreateSolutionVersion) and run the batch inference job with it.", e);
    }
    long watermark = version.attributes().path(CampaignServing.EVENT_WATERMARK).asLong(0);
    JsonNode config = batch.attributes().path("batchInferenceJobConfig");
    CampaignSettings settings = new CampaignSettings(
        RankingWeights.parse(config.get("rankingInfluence"), "batchInferenceJobConfig.rankingInfluence"), false,
        CampaignSettings.exploration(config.get("itemExplorationConfig")));
    return new ServedModel("", versionArn, version.datasetGroupArn().orElseThrow(), watermark, model, settings, new RecommendationCache(0));
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
