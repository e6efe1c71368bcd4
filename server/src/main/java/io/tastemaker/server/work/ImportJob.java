package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.SegmentCodec;
import io.tastemaker.core.data.csv.CsvImporter;
import io.tastemaker.core.data.csv.ImportException;
import io.tastemaker.core.data.csv.ImportReport;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.events.ReplicaChanges;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobCancellation;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.DiskSpace;
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.objects.SourceFile;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import java.io.IOException;
import java.util.function.Consumer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a dataset import job: reads every CSV file at the data location (files and rows read so far
 * show in the job's {@code progress} member), checks each value against the dataset's schema, writes
 * the rows as segments and, only when all files are good, makes them the
 * dataset's data in one transaction (FULL replaces, INCREMENTAL adds). Rows left out, values read
 * as null and columns ignored are counted in the job's {@code importReport} member and the log. A
 * file that cannot be imported at all fails the job with the file, line and column, and the
 * dataset keeps what it had.
 */
public final class ImportJob extends ResourceJob {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJob.class);

  private final Consumer<String> datasetChanged;
  private final Consumer<Resource> imported;

  /** @param datasetChanged hears of a dataset whose data an import replaced or extended */
  public ImportJob(ApiContext ctx, Consumer<String> datasetChanged) {
    this(ctx, datasetChanged, job -> {});
  }

  /** @param imported hears of each import job that ended ACTIVE (metric attributions publish its metrics) */
  public ImportJob(ApiContext ctx, Consumer<String> datasetChanged, Consumer<Resource> imported) {
    super(ctx);
    this.datasetChanged = datasetChanged;
    this.imported = imported;
  }

  @Override
  public boolean heavy() {
    return true;
  }

  @Override
  public void run(Job job) throws JobFailure, IOException {
    Optional<Resource> found = target(job);
    if (found.isEmpty()) {
      return;
    }
    Resource importJob = found.get();
    String datasetArn = importJob.text("datasetArn").orElseThrow();
    ParentActivation.await(ctx, datasetArn, "dataset import job " + importJob.arn());
    status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
    Resource dataset = ctx.db().read(tx -> ctx.resources().find(tx, datasetArn)).orElseThrow(() -> new JobFailure("The dataset " + datasetArn + " no longer exists."));
    DatasetType type = DatasetType.parse(dataset.text("datasetType").orElseThrow());
    String schemaArn = dataset.text("schemaArn").orElseThrow();
    Resource schema = ctx.db().read(tx -> ctx.resources().find(tx, schemaArn)).orElseThrow(() -> new JobFailure("The schema " + schemaArn + " no longer exists."));
    DatasetSchema parsed = AvroSchemaParser.parse(schema.text("schema").orElseThrow());

    String location = importJob.attributes().path("dataSource").path("dataLocation").asText();
    List<SourceFile> files;
    try {
      files = ctx.locations().list(location);
    } catch (LocationException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    long inputBytes = files.stream().mapToLong(SourceFile::size).sum();
    Optional<String> lacking =
        ctx.disk().lacking(DiskSpace.IMPORT_FACTOR * inputBytes, "importing " + inputBytes + " bytes of CSV", DiskSpace.IMPORT_FACTOR + " times the input");
    if (lacking.isPresent()) {
      throw new JobFailure(lacking.get());
    }
    List<String> written = new ArrayList<>();
    long started = System.nanoTime();
    ImportReport report = new ImportReport();
    try {
      long rows = importFiles(job.targetArn(), files, parsed, type, dataset, importJob.name(), job.attempts(), written, report);
      if (rows == 0) {
        throw new JobFailure(
            report.rowsDropped() == 0
                ? "The input at " + location + " holds no records, only headers."
                : "The input at " + location + " holds no usable records: " + report.summary());
      }
      commit(job, importJob, datasetArn, written, files.size(), rows, report);
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info("imported {} rows from {} file(s) into {} in {} s ({} rows/s)", rows, files.size(), datasetArn, String.format("%.2f", seconds), String.format("%.0f", rows / seconds));
      if (!report.isClean()) {
        LOG.warn("import {} into {}: {}", importJob.arn(), datasetArn, report.summary());
      }
    } catch (ImportException e) {
      discard(written);
      throw new JobFailure(e.getMessage(), e);
    } catch (JobFailure | IOException | RuntimeException e) {
      discard(written);
      throw e;
    }
  }

  /** Files and rows read so far, as the job's progress member shows them. */
  private static void fill(ObjectNode progress, int filesDone, int files, long rows) {
    progress.put("filesDone", filesDone);
    progress.put("files", files);
    progress.put("rowsDone", rows);
  }

  private long importFiles(
      String importJobArn, List<SourceFile> files, DatasetSchema schema, DatasetType type, Resource dataset, String jobName, int attempt, List<String> written,
      ImportReport report)
      throws IOException, ImportException {
    CsvImporter importer = new CsvImporter(schema, type);
    ProgressMember progress = new ProgressMember(ctx, importJobArn);
    long rows = 0;
    for (int f = 0; f < files.size(); f++) {
      JobCancellation.check();
      SourceFile file = files.get(f);
      int filesDone = f;
      long before = rows;
      long[] rowsOfFile = {0};
      try (InputStream in = file.open()) {
        rows +=
            importer.importFile(
                file.name(),
                in,
                segment -> {
                  JobCancellation.check();
                  String key = DatasetContents.segmentKey(dataset, jobName, attempt, written.size());
                  try (ObjectStore.PendingObject object = ctx.objects().create(key)) {
                    SegmentCodec.write(segment, object.stream());
                    object.commit();
                  }
                  written.add(key);
                  rowsOfFile[0] += segment.rows();
                  progress.offer(member -> fill(member, filesDone, files.size(), before + rowsOfFile[0]));
                },
                report);
      }
    }
    return rows;
  }

  /** Makes the new segments the dataset's data and the job ACTIVE with its final progress, in one transaction. */
  private void commit(Job job, Resource importJob, String datasetArn, List<String> written, int files, long rows, ImportReport report) throws JobFailure {
    boolean full = importJob.text("importMode").orElse("FULL").equals("FULL");
    List<String> replaced =
        ctx.db().write(tx -> {
          Resource dataset = ctx.resources().find(tx, datasetArn).orElse(null);
          Resource current = ctx.resources().find(tx, job.targetArn()).orElse(null);
          if (dataset == null || !dataset.hasStatus(Status.ACTIVE) || current == null) {
            return null;
          }
          List<String> old = DatasetContents.segmentKeys(dataset);
          Set<String> keys = new LinkedHashSet<>(full ? List.of() : old);
          keys.addAll(written);
          ctx.resources().update(tx, dataset.withAttributes(DatasetContents.withSegments(dataset, keys), ctx.clock().instant()));
          ObjectNode attributes = current.attributes();
          fill(attributes.putObject(ProgressMember.NAME), files, files, rows);
          attributes.set(ImportReportMember.NAME, ImportReportMember.of(rows, report));
          ctx.resources().update(tx, current.withAttributes(attributes, ctx.clock().instant()).withStatus(Status.ACTIVE, Optional.empty(), ctx.clock().instant()));
          ReplicaChanges.record(ctx.db(), tx, ctx.jobs().replica(), ReplicaChanges.Kind.DATASET_CHANGED, datasetArn, ctx.clock().millis());
          return full ? old : List.of();
        });
    if (replaced == null) {
      throw new JobFailure("The dataset " + datasetArn + " was deleted while the import ran.");
    }
    datasetChanged.accept(datasetArn);
    imported.accept(importJob);
    if (!replaced.isEmpty() && !trainingUnderWay(importJob)) {
      discard(replaced);
    }
  }

  /** Whether a training, export or data deletion of the group may be reading the segments a FULL import replaced. */
  private boolean trainingUnderWay(Resource importJob) {
    String group = importJob.datasetGroupArn().orElse("");
    return ctx.db().read(tx -> {
          List<Resource> readers = new ArrayList<>(ctx.resources().inGroup(tx, ResourceKind.SOLUTION_VERSION, group));
          readers.addAll(ctx.resources().inGroup(tx, ResourceKind.DATASET_EXPORT_JOB, group));
          readers.addAll(ctx.resources().inGroup(tx, ResourceKind.DATA_DELETION_JOB, group));
          return readers;
        }).stream()
        .anyMatch(v -> v.status().map(s -> Status.UNFINISHED.contains(s) || s.equals("PENDING") || s.equals("IN_PROGRESS")).orElse(false));
  }

  private void discard(List<String> keys) {
    for (String key : keys) {
      try {
        ctx.objects().delete(key);
      } catch (IOException e) {
        LOG.warn("could not delete {}: {}", key, e.getMessage());
      }
    }
  }
}
