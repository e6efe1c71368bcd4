package io.tastemaker.server.solutions;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.control.SolutionVersionOperations;
import io.tastemaker.server.events.EventLog;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.store.Transaction;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code performAutoTraining}: creates a solution version with {@code trainingType} AUTOMATIC when a
 * solution's schedule ({@link AutoTrainingSchedule}) is due, as Personalize does: the first within
 * the hour after the solution is ACTIVE (skipped when a version was created in that hour), then
 * every {@code schedulingExpression} period, and only when interactions were imported or streamed
 * since the last version. A version and its training job are inserted in the transaction that moves
 * the schedule on, so a crash neither loses a due training nor runs one twice; a server that was
 * down when trainings fell due trains once and goes on from now. The clock is the server's, which
 * tests replace to move days ahead.
 */
public final class AutoTraining implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AutoTraining.class);

  private final ApiContext ctx;
  private final ResourceLifecycle life;
  private final ScheduledExecutorService ticker;

  public AutoTraining(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "auto-training");
      t.setDaemon(true);
      return t;
    });
  }

  /** Checks the schedules every {@code every}, from now on. */
  public void start(Duration every) {
    ticker.scheduleWithFixedDelay(this::tickSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("checking the automatic training schedules failed", e);
    }
  }

  /** Starts every automatic training that is due; returns the versions created. */
  public List<String> tick() {
    List<String> solutions = ctx.db().read(tx -> ctx.resources().all(tx, ResourceKind.SOLUTION)).stream()
        .filter(s -> s.hasStatus(Status.ACTIVE) && s.attributes().path("performAutoTraining").asBoolean(false))
        .map(Resource::arn)
        .toList();
    List<String> created = new java.util.ArrayList<>();
    for (String arn : solutions) {
      ctx.db().write(tx -> due(tx, arn)).ifPresent(created::add);
    }
    return created;
  }

  /** Moves one solution's schedule on if it is due, creating a version when one should be trained. */
  private Optional<String> due(Transaction tx, String solutionArn) throws SQLException {
    Optional<Resource> found = ctx.resources().find(tx, solutionArn);
    if (found.isEmpty() || !found.get().hasStatus(Status.ACTIVE) || !found.get().attributes().path("performAutoTraining").asBoolean(false)) {
      return Optional.empty();
    }
    Resource solution = found.get();
    Instant now = ctx.clock().instant();
    Optional<AutoTrainingSchedule> stored = AutoTrainingSchedule.of(solution);
    if (stored.isEmpty()) {
      var attributes = solution.attributes();
      AutoTrainingSchedule.startingAt(solution.updatedAt()).storeIn(attributes);
      ctx.resources().update(tx, solution.withAttributes(attributes, solution.updatedAt()));
      return Optional.empty();
    }
    AutoTrainingSchedule schedule = stored.get();
    if (now.isBefore(schedule.next())) {
      return Optional.empty();
    }
    Duration period = AutoTrainingSchedule.periodOf(solution);
    List<Resource> versions = ctx.resources().children(tx, ResourceKind.SOLUTION_VERSION, solutionArn);
    Optional<String> reason = reasonToSkip(tx, solution, schedule, versions);
    Optional<String> created = Optional.empty();
    if (reason.isPresent()) {
      LOG.info("automatic training of {} skipped: {}", solutionArn, reason.get());
    } else {
      created = Optional.of(SolutionVersionOperations.insert(ctx, life, tx, solution, "FULL", "AUTOMATIC", Optional.empty(), Optional.empty()));
      LOG.info("automatic training of {} started: {}", solutionArn, created.get());
    }
    Resource current = ctx.resources().find(tx, solutionArn).orElseThrow();
    var attributes = current.attributes();
    schedule.after(period, now).storeIn(attributes);
    ctx.resources().update(tx, current.withAttributes(attributes, current.updatedAt()));
    return created;
  }

  private Optional<String> reasonToSkip(Transaction tx, Resource solution, AutoTrainingSchedule schedule, List<Resource> versions) throws SQLException {
    if (versions.stream().anyMatch(v -> v.status().map(Status.UNFINISHED::contains).orElse(false))) {
      return Optional.of("a version is being trained");
    }
    Optional<Resource> latest = versions.stream().max(Comparator.comparing(Resource::createdAt).thenComparing(Resource::arn));
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    if (schedule.first() && !latest.get().createdAt().isBefore(schedule.next().minus(AutoTrainingSchedule.FIRST_DELAY))) {
      return Optional.of("a version was created manually in the hour before the first automatic training");
    }
    return newData(tx, solution, latest.get()) ? Optional.empty() : Optional.of("no interactions were imported or streamed since the last version");
  }

  /** Whether interactions were imported or streamed since the version was trained. */
  private boolean newData(Transaction tx, Resource solution, Resource version) throws SQLException {
    if (!version.hasStatus(Status.ACTIVE)) {
      return true;
    }
    String group = solution.datasetGroupArn().orElseThrow();
    Optional<Resource> interactions = ctx.resources().find(tx, ctx.arns().dataset(Arns.resourceName(group), "INTERACTIONS"));
    if (interactions.isPresent() && interactions.get().updatedAt().isAfter(version.createdAt())) {
      return true;
    }
    long watermark = version.attributes().path(CampaignServing.EVENT_WATERMARK).asLong(0);
    return EventLog.lastSeq(tx, group) > watermark;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
