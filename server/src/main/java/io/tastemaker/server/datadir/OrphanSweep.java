package io.tastemaker.server.datadir;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.batch.BatchSnapshots;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.serving.ModelFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the objects nothing needs, so that crashes and failures do not leak disk: at start, before
 * any job runs, and after a job fails.
 *
 * <p>An object stays when a resource references it (a dataset's segment, a solution version's
 * model) or when a running job may be using it: an import's own segments ({@code <job name>-a*}
 * under its dataset), a training's model and every segment of its dataset group (it may be reading
 * segments a FULL import has just replaced), a batch job's snapshots for Spark. Unfinished writes (the store's staging files) go only at
 * start, when no writer can be alive. The objects are listed first, the running jobs read next and
 * the references last, so an object a job hands over to a resource in between is kept either way.
 */
public final class OrphanSweep {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);
  private static final int KEYS_LOGGED = 5;

  private final ApiContext ctx;

  public OrphanSweep(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** What a sweep deleted. */
  public record Result(int objects, long bytes) {}

  /** Deletes unfinished writes and every unreferenced object; only while no job runs. */
  public Result atStart() {
    try {
      ctx.objects().discardUnfinished();
    } catch (IOException e) {
      LOG.warn("could not delete unfinished object writes: {}", e.getMessage());
    }
    return sweep(List.of());
  }

  /** Deletes unreferenced objects that no job still running may be using. */
  public Result afterFailure(Job failed) {
    List<Job> running = ctx.jobs().running().stream().filter(j -> !j.id().equals(failed.id())).toList();
    return sweep(running);
  }

  private synchronized Result sweep(List<Job> running) {
    List<String> keys;
    try {
      keys = ctx.objects().keys();
    } catch (IOException e) {
      LOG.warn("could not list the object store: {}", e.getMessage());
      return new Result(0, 0);
    }
    Optional<InUse> inUse = inUse(running);
    if (inUse.isEmpty()) {
      return new Result(0, 0);
    }
    ObjectReferences references = ctx.db().read(ObjectReferences::read);
    List<String> deleted = new ArrayList<>();
    long bytes = 0;
    for (String key : keys) {
      if (references.references(key) || inUse.get().covers(key)) {
        continue;
      }
      try {
        long size = ctx.objects().size(key);
        ctx.objects().delete(key);
        deleted.add(key);
        bytes += size;
      } catch (IOException e) {
        LOG.warn("could not delete the unreferenced object {}: {}", key, e.getMessage());
      }
    }
    if (!deleted.isEmpty()) {
      LOG.info("deleted {} object(s) no resource references ({} MB): {}{}", deleted.size(), String.format("%.1f", bytes / 1e6),
          String.join(", ", deleted.subList(0, Math.min(KEYS_LOGGED, deleted.size()))), deleted.size() > KEYS_LOGGED ? ", ..." : "");
    }
    return new Result(deleted.size(), bytes);
  }

  /** Keys and key prefixes running jobs may be writing or reading. */
  private record InUse(Set<String> keys, Set<String> prefixes) {
    boolean covers(String key) {
      return keys.contains(key) || prefixes.stream().anyMatch(key::startsWith);
    }
  }

  /** What the running jobs may use; empty when a job of an unknown type runs, so that nothing is deleted. */
  private Optional<InUse> inUse(List<Job> running) {
    Set<String> keys = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    for (Job job : running) {
      Optional<Resource> target = ctx.db().read(tx -> ctx.resources().find(tx, job.targetArn()));
      switch (job.type()) {
        case JobTypes.IMPORT ->
            target.flatMap(t -> t.text("datasetArn")).ifPresent(dataset -> prefixes.add(DatasetContents.folder(dataset) + "/" + target.get().name() + "-a"));
        case JobTypes.TRAIN, JobTypes.EXPORT, JobTypes.DATA_DELETION -> {
          if (job.type().equals(JobTypes.TRAIN)) {
            keys.add(ModelFiles.keyFor(job.targetArn()));
          }
          if (job.type().equals(JobTypes.DATA_DELETION)) {
            // It writes the group's models again without the users before it swaps them in.
            prefixes.add("models/");
          }
          target.flatMap(Resource::datasetGroupArn).ifPresent(group -> prefixes.add(DatasetContents.groupFolder(group) + "/"));
        }
        // A batch job on Spark has its executors read its own snapshots of the group's records.
        case JobTypes.BATCH_INFERENCE, JobTypes.BATCH_SEGMENT -> prefixes.add(BatchSnapshots.prefixOf(job.targetArn()));
        case JobTypes.ACTIVATE, JobTypes.DELETE, JobTypes.DEPLOY, JobTypes.DATASET_UPDATE, JobTypes.METRIC_ATTRIBUTION -> {
          // These read only objects that resources reference, or delete.
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(new InUse(keys, prefixes));
  }
}
