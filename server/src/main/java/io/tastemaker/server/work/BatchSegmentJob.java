package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.affinity.UserMask;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.UserSegmentFilter;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.batch.OrderedLines;
import io.tastemaker.server.batch.SegmentLineAnswers;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.serving.GroupAttributes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * CreateBatchSegmentJob's work: every line (an item, or an item-attribute query) answered with the
 * users of the solution version's affinity model most likely to interact with it, through the
 * files of {@link BatchLinesJob}. A job's user filter is evaluated once per distinct {@code
 * filterValues}, on the group's Users records and imported interactions.
 */
public final class BatchSegmentJob extends BatchLinesJob {
  private final GroupAttributes attributes;

  public BatchSegmentJob(ApiContext ctx, GroupAttributes attributes) {
    super(ctx, "batch segment");
    this.attributes = attributes;
  }

  @Override
  protected Function<List<String>, List<String>> answerer(Resource batch) throws JobFailure {
    String versionArn = batch.text("solutionVersionArn").orElseThrow();
    Resource version = VersionModels.activeVersion(ctx, versionArn, "a batch segment job");
    Recommender loaded = VersionModels.load(ctx, version, "The batch segment job", "run the batch segment job with it");
    if (!(loaded instanceof AffinityModel model)) {
      throw new JobFailure("The solution version " + versionArn + " holds a " + loaded.recipe() + " model; batch segment jobs need a USER_SEGMENTATION recipe (aws-item-affinity or aws-item-attribute-affinity).");
    }
    String group = version.datasetGroupArn().orElseThrow();
    Function<Map<String, String>, UserMask> users = userMasks(Optional.ofNullable(batch.attributes().get("filterArn")).map(JsonNode::asText), model, group);
    SegmentLineAnswers lines = new SegmentLineAnswers(model, batch.attributes().path("numResults").asInt(25), users,
        query -> query.items(model.items().ids(), attributes.items(group)));
    return OrderedLines.eachLine(lines::answer);
  }

  /** The users a segment may hold, per line's filterValues: everyone without a filter. */
  private Function<Map<String, String>, UserMask> userMasks(Optional<String> filterArn, AffinityModel model, String group) throws JobFailure {
    if (filterArn.isEmpty()) {
      return values -> {
        if (!values.isEmpty()) {
          throw new IllegalArgumentException("filterValues are given, but the job has no filterArn.");
        }
        return UserMask.ALL;
      };
    }
    Resource filter = ctx.db().read(tx -> ctx.resources().find(tx, filterArn.get()))
        .filter(f -> f.kind() == ResourceKind.FILTER && f.hasStatus(Status.ACTIVE))
        .orElseThrow(() -> new JobFailure("The filter " + filterArn.get() + " no longer exists or is not ACTIVE."));
    UserSegmentFilter compiled;
    try {
      compiled = UserSegmentFilter.compile(FilterExpression.parse(filter.text("filterExpression").orElseThrow()), userIds(model));
    } catch (IllegalArgumentException e) {
      throw new JobFailure("The filter " + filterArn.get() + " cannot filter user segments: " + e.getMessage(), e);
    }
    List<Set<String>> eventTypes = compiled.usesInteractions() ? eventTypes(model, group) : List.of();
    Map<Map<String, String>, BitSet> masks = new ConcurrentHashMap<>();
    return values -> {
      BitSet allowed = masks.computeIfAbsent(Map.copyOf(values), v -> compiled.allowed(attributes.users(group), u -> eventTypes.isEmpty() ? Set.of() : eventTypes.get(u), v));
      return allowed::get;
    };
  }

  private static List<String> userIds(AffinityModel model) {
    List<String> ids = new ArrayList<>(model.userCount());
    for (int u = 0; u < model.userCount(); u++) {
      ids.add(model.userId(u));
    }
    return ids;
  }

  /** Each model user's event types in the group's imported interactions, lower-cased. */
  private List<Set<String>> eventTypes(AffinityModel model, String group) {
    GroupAttributes.Imported imported = attributes.interactions(group);
    InteractionData data = imported.data();
    List<Set<String>> types = new ArrayList<>(model.userCount());
    for (int u = 0; u < model.userCount(); u++) {
      Set<String> own = new HashSet<>();
      Integer user = imported.userIndex().get(model.userId(u));
      if (user != null) {
        for (int k = data.start(user); k < data.end(user); k++) {
          int type = data.eventType(k);
          own.add(type < 0 ? "" : data.eventTypes().get(type).toLowerCase(Locale.ROOT));
        }
      }
      types.add(Set.copyOf(own));
    }
    return types;
  }
}
