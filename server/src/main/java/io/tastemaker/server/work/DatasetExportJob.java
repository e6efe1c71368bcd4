package io.tastemaker.server.work;

import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.datasets.DamagedDataException;
import io.tastemaker.server.datasets.ExportedRecords;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.objects.OutputLocation;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateDatasetExportJob's work: the dataset's imported data (BULK), the data put one event or record
 * at a time (PUT), or both (ALL), as CSV files with a header of the schema's field names, in
 * {@code <path>/<job name>/part-00000.csv} and on, at most {@link #ROWS_PER_FILE} rows each. Each
 * file is written whole or not at all ({@link OutputLocation}); a run a crash cut short is run again
 * from the start after the restart and writes the same files.
 */
public final class DatasetExportJob extends ResourceJob {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetExportJob.class);
  /** Rows per file, so that no single file grows beyond what a spreadsheet or a quick script handles. */
  static final int ROWS_PER_FILE = 1_000_000;

  public DatasetExportJob(ApiContext ctx) {
    super(ctx);
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
    Resource export = found.get();
    String datasetArn = export.text("datasetArn").orElseThrow();
    ParentActivation.await(ctx, datasetArn, "dataset export job " + export.arn());
    status(job, Status.CREATE_IN_PROGRESS, Optional.empty());
    Resource dataset = ctx.db().read(tx -> ctx.resources().find(tx, datasetArn)).orElseThrow(() -> new JobFailure("The dataset " + datasetArn + " no longer exists."));
    DatasetType type = DatasetType.parse(dataset.text("datasetType").orElseThrow());
    String schemaArn = dataset.text("schemaArn").orElseThrow();
    Resource schema = ctx.db().read(tx -> ctx.resources().find(tx, schemaArn)).orElseThrow(() -> new JobFailure("The schema " + schemaArn + " no longer exists."));
    DatasetSchema parsed = AvroSchemaParser.parse(schema.text("schema").orElseThrow());
    String mode = export.text("ingestionMode").orElse("PUT");

    ExportedRecords records = new ExportedRecords(parsed, type);
    if (!mode.equals("PUT")) {
      try {
        DatasetContents.load(ctx, dataset).forEach(records::addSegment);
      } catch (DamagedDataException e) {
        throw new JobFailure(e.getMessage(), e);
      }
    }
    if (!mode.equals("BULK")) {
      if (type == DatasetType.INTERACTIONS) {
        String group = dataset.datasetGroupArn().orElseThrow();
        records.addEvents(ctx.db().read(tx -> EventLog.load(tx, group, Long.MAX_VALUE)));
      } else {
        records.addRecords(ctx.db().read(tx -> RecordLog.load(tx, datasetArn)));
      }
    }
    OutputLocation output;
    try {
      output = ctx.locations().output(folderOf(export));
    } catch (LocationException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    int files = write(output, records);
    status(job, Status.ACTIVE, Optional.empty());
    LOG.info("exported {} {} rows of {} to {} file(s) in {}", records.lines().size(), mode, datasetArn, files, folderOf(export));
  }

  /** Writes the rows in files of at most {@link #ROWS_PER_FILE}; an empty export is one file with the header. */
  private static int write(OutputLocation output, ExportedRecords records) throws JobFailure {
    byte[] header = String.join(",", records.header()).concat("\n").getBytes(StandardCharsets.UTF_8);
    Iterator<String> lines = records.lines().iterator();
    int file = 0;
    do {
      String name = fileName(file);
      try (OutputLocation.Pending pending = output.create(name)) {
        OutputStream out = pending.stream();
        out.write(header);
        for (int row = 0; row < ROWS_PER_FILE && lines.hasNext(); row++) {
          out.write(lines.next().getBytes(StandardCharsets.UTF_8));
        }
        pending.commit();
      } catch (IOException e) {
        throw new JobFailure("The export could not write " + output.locationOf(name) + ": " + e.getMessage(), e);
      }
      file++;
    } while (lines.hasNext());
    return file;
  }

  static String fileName(int index) {
    return String.format("part-%05d.csv", index);
  }

  /** The job's own folder under the destination path: {@code <path>/<job name>/}. */
  static String folderOf(Resource export) {
    String path = export.attributes().path("jobOutput").path("s3DataDestination").path("path").asText();
    return (path.endsWith("/") ? path : path + "/") + export.name() + "/";
  }

  /** Fails the job, and deletes the temporary files a run killed by a crash left behind. */
  @Override
  public void fail(Job job, String reason) {
    super.fail(job, reason);
    Optional<Resource> export = target(job);
    if (export.isEmpty()) {
      return;
    }
    try {
      OutputLocation output = ctx.locations().output(folderOf(export.get()));
      for (int i = 0; i < 1000; i++) {
        output.discardUnfinished(fileName(i));
      }
    } catch (LocationException | IOException | RuntimeException e) {
      LOG.debug("no unfinished output of {} to delete: {}", job.targetArn(), e.toString());
    }
  }
}
