package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.data.RowRemoval;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.SegmentCodec;
import io.tastemaker.core.data.csv.CsvParser;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.ResourceViews;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.events.LiveHistories;
import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.events.ReplicaChanges;
import io.tastemaker.server.jobs.Job;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.jobs.JobHandler;
import io.tastemaker.server.objects.DamagedObjectException;
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.objects.SourceFile;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.ModelFiles;
import io.tastemaker.server.serving.RecommenderServing;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateDataDeletionJob's work: removes the users listed in the input CSV's USER_ID column from a
 * dataset group. Their imported Interactions, Action interactions and Users rows are left out of
 * rewritten segments, their streamed events (and the anonymous events of sessions they claimed), put
 * Users records and put action interactions are deleted, and each trained model that keeps them (the
 * HRNN family keeps each user's state), a recommender's included, is written again without them, so
 * they are answered as strangers. Everything is swapped in one transaction,
 * once no import, training or export of the group is under way; the replaced files are deleted and
 * SQLite's log emptied right after, so nothing of theirs stays in the data directory once the job
 * is COMPLETED. Statuses are PENDING, IN_PROGRESS, COMPLETED and FAILED, as Personalize's.
 */
public final class UserDeletionJob implements JobHandler {
  public static final String PENDING = "PENDING";
  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String COMPLETED = "COMPLETED";
  /** Set in the transaction that swaps the data, before the memory drops the users and the job turns COMPLETED. */
  private static final String SWAPPED = ResourceViews.INTERNAL_PREFIX + "swapped";
  public static final String FAILED = "FAILED";
  private static final Logger LOG = LoggerFactory.getLogger(UserDeletionJob.class);
  /** How long the job waits for the group's imports, trainings and exports before it fails. */
  private static final long WAIT_MILLIS = 30 * 60_000L;

  private final ApiContext ctx;
  private final CampaignServing serving;
  private final RecommenderServing recommenders;
  private final LiveHistories histories;
  private final Consumer<String> datasetChanged;

  public UserDeletionJob(
      ApiContext ctx, CampaignServing serving, RecommenderServing recommenders, LiveHistories histories, Consumer<String> datasetChanged) {
    this.ctx = ctx;
    this.serving = serving;
    this.recommenders = recommenders;
    this.histories = histories;
    this.datasetChanged = datasetChanged;
  }

  /** Whether a data deletion job has yet to finish. */
  public static boolean unfinished(Resource job) {
    return job.hasStatus(PENDING) || job.hasStatus(IN_PROGRESS);
  }

  @Override
  public boolean heavy() {
    return true;
  }

  @Override
  public void run(Job job) throws JobFailure, IOException, InterruptedException {
    Optional<Resource> found = ctx.db().read(tx -> ctx.resources().find(tx, job.targetArn()));
    if (found.isEmpty()) {
      return;
    }
    Resource deletion = found.get();
    String group = deletion.datasetGroupArn().orElseThrow();
    if (deletion.attributes().path(SWAPPED).asBoolean(false)) {
      // Swapped before a restart: memory was loaded from the swapped files, only the status is left.
      setStatus(job.targetArn(), COMPLETED, Optional.empty());
      return;
    }
    ParentActivation.await(ctx, group, "data deletion job " + deletion.arn());
    setStatus(job.targetArn(), IN_PROGRESS, Optional.empty());
    Set<String> users = readUsers(deletion.attributes().path("dataSource").path("dataLocation").asText());
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (true) {
      awaitQuietGroup(group, deadline);
      Plan plan = plan(deletion, group, users, job.attempts());
      Optional<Integer> deleted = commit(job, deletion, group, users, plan);
      if (deleted.isPresent()) {
        cleanUp(group, users, plan);
        setStatus(job.targetArn(), COMPLETED, Optional.empty());
        LOG.info("data deletion {}: {} user(s) asked, {} record(s) deleted from {}", deletion.arn(), users.size(), deleted.get(), group);
        return;
      }
      // Work started in the group while the files were rewritten: drop them and start again.
      discard(plan.written());
    }
  }

  /** The user ids of every file at the location: the USER_ID column, found ignoring case. */
  private Set<String> readUsers(String location) throws JobFailure, IOException {
    List<SourceFile> files;
    try {
      files = ctx.locations().list(location);
    } catch (LocationException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    Set<String> users = new LinkedHashSet<>();
    for (SourceFile file : files) {
      try (InputStream in = file.open()) {
        CsvParser csv = new CsvParser(in);
        if (!csv.next()) {
          continue;
        }
        int column = -1;
        for (int f = 0; f < csv.fieldCount(); f++) {
          if (csv.string(f).trim().toUpperCase(Locale.ROOT).equals("USER_ID")) {
            column = f;
          }
        }
        if (column < 0) {
          throw new JobFailure(file.name() + ": Input CSV is missing the following columns:[USER_ID] (a data deletion job's input lists users in a USER_ID column; its first line has "
              + csv.fieldCount() + " column(s))");
        }
        while (csv.next()) {
          if (column < csv.fieldCount() && !csv.isEmpty(column)) {
            users.add(csv.string(column).trim());
          }
        }
      }
    }
    if (users.isEmpty()) {
      throw new JobFailure("The input at " + location + " lists no USER_ID.");
    }
    return users;
  }

  /** Waits until no import, training or export of the group is unfinished, as they read the files this job replaces. */
  private void awaitQuietGroup(String group, long deadline) throws JobFailure, InterruptedException {
    while (true) {
      Optional<Resource> busy = ctx.db().read(tx -> busyReader(tx, group));
      if (busy.isEmpty()) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new JobFailure("The " + busy.get().kind().label() + " " + busy.get().arn() + " did not finish within 30 minutes; the data deletion job waits for the group's imports, trainings and exports.");
      }
      Thread.sleep(200);
    }
  }

  private Optional<Resource> busyReader(io.tastemaker.server.store.Transaction tx, String group) throws java.sql.SQLException {
    for (ResourceKind kind : List.of(ResourceKind.DATASET_IMPORT_JOB, ResourceKind.SOLUTION_VERSION, ResourceKind.DATASET_EXPORT_JOB)) {
      for (Resource r : ctx.resources().inGroup(tx, kind, group)) {
        if (r.status().map(Status.UNFINISHED::contains).orElse(false)) {
          return Optional.of(r);
        }
      }
    }
    for (Resource r : ctx.resources().inGroup(tx, ResourceKind.RECOMMENDER, group)) {
      if (RecommenderTrainingJob.training(r)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * The new files: each dataset's segments without the users (new keys, the rest kept), each model
   * that kept them written again.
   */
  private Plan plan(Resource deletion, String group, Set<String> users, int attempt) throws JobFailure, IOException {
    Plan plan = new Plan();
    List<Resource> datasets = ctx.db().read(tx -> ctx.resources().inGroup(tx, ResourceKind.DATASET, group));
    int index = 0;
    for (Resource dataset : datasets) {
      if (dataset.arn().endsWith("/ITEMS")) {
        continue;
      }
      List<String> keys = DatasetContents.segmentKeys(dataset);
      List<String> next = new ArrayList<>();
      for (String key : keys) {
        Segment segment;
        try {
          segment = ctx.objects().read(key, SegmentCodec::read);
        } catch (DamagedObjectException e) {
          throw new JobFailure("The data of the dataset " + dataset.arn() + " is damaged: " + e.getMessage() + "; import it again, then delete the users.", e);
        }
        Optional<Segment> kept = RowRemoval.without(segment, userColumn(segment), users);
        if (kept.isEmpty()) {
          next.add(key);
          continue;
        }
        plan.rowsDeleted += segment.rows() - kept.get().rows();
        plan.replaced.add(key);
        if (kept.get().rows() > 0) {
          String newKey = DatasetContents.segmentKey(dataset, deletion.name(), attempt, index++);
          try (ObjectStore.PendingObject object = ctx.objects().create(newKey)) {
            SegmentCodec.write(kept.get(), object.stream());
            object.commit();
          }
          plan.written.add(newKey);
          next.add(newKey);
        }
      }
      if (!next.equals(keys)) {
        plan.segments.put(dataset.arn(), next);
      }
    }
    List<Resource> models = new ArrayList<>(ctx.db().read(tx -> ctx.resources().inGroup(tx, ResourceKind.SOLUTION_VERSION, group)));
    models.removeIf(version -> !version.hasStatus(Status.ACTIVE));
    // A recommender keeps its model while stopped (INACTIVE), and serves it again when started.
    models.addAll(ctx.db().read(tx -> ctx.resources().inGroup(tx, ResourceKind.RECOMMENDER, group)));
    for (Resource version : models) {
      Optional<String> key = ModelFiles.keyOf(version);
      if (key.isEmpty() || version.status().map(Status.DELETING::contains).orElse(false)) {
        continue;
      }
      Recommender model;
      try {
        model = ModelFiles.load(ctx, key.get());
      } catch (DamagedObjectException e) {
        throw new JobFailure("The model of the " + version.kind().label() + " " + version.arn() + " cannot be read (" + e.getMessage() + "), so the users cannot be removed from it; delete it or train it again, then run the data deletion job again.", e);
      }
      Recommender without = model.withoutUsers(users);
      if (without == model) {
        continue;
      }
      String newKey = ModelFiles.keyFor(version.arn()).replace(".model", "-" + deletion.name() + "-a" + attempt + ".model");
      try (ObjectStore.PendingObject object = ctx.objects().create(newKey)) {
        ctx.recipes().codec().write(without, object.stream());
        object.commit();
      }
      plan.written.add(newKey);
      plan.replaced.add(key.get());
      plan.models.put(version.arn(), newKey);
    }
    return plan;
  }

  private static String userColumn(Segment segment) {
    return segment.columns().stream().map(c -> c.name()).filter(n -> n.equalsIgnoreCase("USER_ID")).findFirst().orElse("USER_ID");
  }

  /** Swaps everything in one transaction; empty when work started in the group meanwhile. */
  private Optional<Integer> commit(Job job, Resource deletion, String group, Set<String> users, Plan plan) {
    return ctx.db().write(tx -> {
      if (busyReader(tx, group).isPresent()) {
        return Optional.empty();
      }
      int deleted = plan.rowsDeleted;
      for (Map.Entry<String, List<String>> e : plan.segments.entrySet()) {
        Optional<Resource> dataset = ctx.resources().find(tx, e.getKey());
        if (dataset.isPresent()) {
          ctx.resources().update(tx, dataset.get().withAttributes(DatasetContents.withSegments(dataset.get(), e.getValue()), ctx.clock().instant()));
        }
      }
      for (Map.Entry<String, String> e : plan.models.entrySet()) {
        Optional<Resource> version = ctx.resources().find(tx, e.getKey());
        if (version.isPresent()) {
          ObjectNode attributes = version.get().attributes();
          attributes.put(ModelFiles.MODEL, e.getValue());
          ctx.resources().update(tx, version.get().withAttributes(attributes, version.get().updatedAt()));
        }
      }
      deleted += EventLog.deleteUsers(tx, group, users);
      for (Resource dataset : ctx.resources().inGroup(tx, ResourceKind.DATASET, group)) {
        if (dataset.arn().endsWith("/USERS")) {
          deleted += RecordLog.deleteIds(tx, dataset.arn(), users);
        } else if (dataset.arn().endsWith("/ACTION_INTERACTIONS")) {
          // PutActionInteractions keeps each event as a record under its event id, the user among its fields.
          deleted += RecordLog.deleteWhere(tx, dataset.arn(), "USER_ID", users);
        }
      }
      Optional<Resource> current = ctx.resources().find(tx, job.targetArn());
      if (current.isPresent()) {
        ObjectNode attributes = current.get().attributes();
        attributes.put("numDeleted", deleted);
        // COMPLETED waits for the memory to drop the users too (cleanUp), so a client that sees it gets strangers' answers.
        attributes.put(SWAPPED, true);
        ctx.resources().update(tx, current.get().withAttributes(attributes, ctx.clock().instant()));
      }
      ReplicaChanges.record(ctx.db(), tx, ctx.jobs().replica(), ReplicaChanges.Kind.USERS_DELETED, group, ctx.clock().millis());
      return Optional.of(deleted);
    });
  }

  /** Deletes the replaced files, empties SQLite's log and drops what memory holds of the users. */
  private void cleanUp(String group, Set<String> users, Plan plan) {
    discard(plan.replaced());
    if (!ctx.db().checkpoint()) {
      LOG.warn("SQLite's log could not be emptied after a data deletion in {}; readers held it for 5 s. It is emptied at the next checkpoint.", group);
    }
    histories.forgetUsers(group, users);
    serving.forget(group, users);
    serving.reload(group);
    recommenders.forget(group, users);
    recommenders.reload(group);
    plan.segments.keySet().forEach(datasetChanged);
    ctx.db().read(tx -> ctx.resources().inGroup(tx, ResourceKind.DATASET, group)).forEach(d -> datasetChanged.accept(d.arn()));
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

  private void setStatus(String arn, String status, Optional<String> reason) {
    ctx.db().write(tx -> {
      Optional<Resource> r = ctx.resources().find(tx, arn);
      if (r.isPresent()) {
        ctx.resources().update(tx, r.get().withStatus(status, reason, ctx.clock().instant()));
      }
      return null;
    });
  }

  @Override
  public String failureReason(Exception failure) {
    return ctx.disk().describe(failure).orElseGet(() -> JobHandler.super.failureReason(failure));
  }

  @Override
  public void fail(Job job, String reason) {
    setStatus(job.targetArn(), FAILED, Optional.of(reason));
  }

  /** What one pass rewrote: new segment lists by dataset, new model keys by version or recommender, files written and replaced. */
  private static final class Plan {
    private final Map<String, List<String>> segments = new LinkedHashMap<>();
    private final Map<String, String> models = new LinkedHashMap<>();
    private final List<String> written = new ArrayList<>();
    private final List<String> replaced = new ArrayList<>();
    private int rowsDeleted;

    List<String> written() {
      return written;
    }

    List<String> replaced() {
      return replaced;
    }
  }
}
