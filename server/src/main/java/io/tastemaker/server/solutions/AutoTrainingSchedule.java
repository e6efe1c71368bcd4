package io.tastemaker.server.solutions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.resources.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A solution's automatic training schedule, kept in its row (the internal attribute {@code
 * _autoTraining}) so it survives restarts: when the next training is due, and whether that is the
 * first one, which a manual version created in the hour before skips (as Personalize documents).
 *
 * @param next when the next automatic training is due
 * @param first whether it is the first after automatic training was turned on or its rate changed
 */
public record AutoTrainingSchedule(Instant next, boolean first) {
  /** The internal attribute holding the schedule. */
  public static final String ATTRIBUTE = "_autoTraining";
  /** The first automatic training comes an hour after the solution is ACTIVE or updated. */
  public static final Duration FIRST_DELAY = Duration.ofHours(1);

  /** The schedule that starts now: the first training within the hour. */
  public static AutoTrainingSchedule startingAt(Instant now) {
    return new AutoTrainingSchedule(now.plus(FIRST_DELAY), true);
  }

  /** The solution's stored schedule, if it has one. */
  public static Optional<AutoTrainingSchedule> of(Resource solution) {
    JsonNode node = solution.attributes().get(ATTRIBUTE);
    if (node == null || !node.has("next")) {
      return Optional.empty();
    }
    return Optional.of(new AutoTrainingSchedule(Instant.ofEpochSecond(node.get("next").asLong()), node.path("first").asBoolean(false)));
  }

  /** Stores this schedule in a solution's attributes. */
  public void storeIn(ObjectNode attributes) {
    ObjectNode node = attributes.putObject(ATTRIBUTE);
    node.put("next", next.getEpochSecond());
    node.put("first", first);
  }

  /** The schedule after the run due at {@link #next}: one period on, and past {@code now} if the server was down meanwhile. */
  public AutoTrainingSchedule after(Duration period, Instant now) {
    Instant following = next.plus(period);
    if (!following.isAfter(now)) {
      long missed = Duration.between(following, now).dividedBy(period) + 1;
      following = following.plus(period.multipliedBy(missed));
    }
    return new AutoTrainingSchedule(following, false);
  }

  /** The period of a solution's {@code autoTrainingConfig}, 7 days when it names none. */
  public static Duration periodOf(Resource solution) {
    JsonNode expression = solution.attributes().path("solutionConfig").path("autoTrainingConfig").get("schedulingExpression");
    return expression == null || expression.isNull()
        ? SchedulingExpression.DEFAULT
        : SchedulingExpression.parse(expression.asText(), "solutionConfig.autoTrainingConfig.schedulingExpression");
  }
}
