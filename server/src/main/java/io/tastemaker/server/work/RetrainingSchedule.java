package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.control.RecommenderOperations;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains ACTIVE recommenders on a schedule, as Personalize does every 7 days: a recommender whose
 * model is older than the period gets a training job (marked {@link RecommenderTrainingJob#RETRAINING}
 * in the same transaction, so it is queued once). The period counts from the stored training time,
 * so it carries across restarts; stopped recommenders are not retrained.
 *
 * <p>The period is {@code TASTEMAKER_RECOMMENDER_RETRAINING}, an ISO-8601 duration ({@code P7D},
 * {@code PT12H}) or a number of days; {@code 0} turns retraining off.
 */
public final class RetrainingSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainingSchedule.class);
  /** Personalize's period: "automatically retrains the models backing your recommenders every 7 days". */
  public static final Duration DEFAULT = Duration.ofDays(7);
  public static final String VARIABLE = "TASTEMAKER_RECOMMENDER_RETRAINING";

  private final ApiContext ctx;
  private final Duration period;
  private final ScheduledExecutorService timer;

  public RetrainingSchedule(ApiContext ctx, Duration period) {
    this.ctx = ctx;
    this.period = period;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "recommender-retraining");
      t.setDaemon(true);
      return t;
    });
  }

  /** The period the environment names, else {@link #DEFAULT}; {@link Duration#ZERO} for none. */
  public static Duration fromEnvironment(Map<String, String> environment) {
    String value = environment.getOrDefault(VARIABLE, "").trim();
    if (value.isEmpty()) {
      return DEFAULT;
    }
    try {
      Duration parsed = value.matches("\\d+") ? Duration.ofDays(Long.parseLong(value)) : Duration.parse(value);
      if (parsed.isNegative()) {
        throw new IllegalArgumentException(VARIABLE + " must not be negative, got " + value);
      }
      return parsed;
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(VARIABLE + " must be a number of days or an ISO-8601 duration such as P7D or PT12H, got " + value, e);
    }
  }

  /** Checks now and then every tenth of the period (at most once a minute). */
  public void start() {
    if (period.isZero()) {
      return;
    }
    long every = Math.max(1_000, Math.min(60_000, period.toMillis() / 10));
    timer.scheduleWithFixedDelay(this::checkSafely, 0, every, TimeUnit.MILLISECONDS);
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn("checking the recommenders' retraining failed: {}", e.toString());
    }
  }

  /** Queues a training for every ACTIVE recommender whose model is at least a period old. */
  public void check() {
    long now = ctx.clock().instant().getEpochSecond();
    ctx.db().write(tx -> {
      for (Resource r : ctx.resources().all(tx, ResourceKind.RECOMMENDER)) {
        ObjectNode attributes = r.attributes();
        if (!r.hasStatus(Status.ACTIVE) || attributes.has(RecommenderTrainingJob.RETRAINING) || !attributes.has(RecommenderTrainingJob.TRAINED_AT)
            || Status.UNFINISHED.contains(attributes.path(RecommenderOperations.LATEST_UPDATE).path("status").asText())) {
          continue;
        }
        long trainedAt = attributes.path(RecommenderTrainingJob.TRAINED_AT).asLong();
        if (now - trainedAt >= period.toSeconds()) {
          attributes.put(RecommenderTrainingJob.RETRAINING, now);
          ctx.resources().update(tx, new Resource(r.arn(), r.kind(), r.name(), r.parentArn(), r.datasetGroupArn(), r.status(), r.failureReason(),
              r.createdAt(), r.updatedAt(), attributes));
          ctx.jobs().enqueue(tx, JobTypes.TRAIN_RECOMMENDER, r.arn());
        }
      }
      return Optional.empty();
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
