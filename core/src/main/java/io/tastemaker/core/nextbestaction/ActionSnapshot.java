package io.tastemaker.core.nextbestaction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.core.filter.ActionFilterRecords;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.FilterEvaluation;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.io.UnclosedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What aws-next-best-action lines read of a dataset group besides the model, as of one moment, for
 * a process that does not have the group (a Spark executor): the time expirations and repeat
 * frequencies are measured from, each user's Taken actions put since training, and, for a job
 * with an ActionID filter, the filter with the Actions and Users records and, when it reads them,
 * each user's action interactions. Written and read as gzipped JSON.
 */
public final class ActionSnapshot implements ActionFilterRecords {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final long now;
  private final Map<String, Map<String, Long>> takings;
  private final Optional<FilterExpression> filter;
  private final AttributeTable actions;
  private final AttributeTable users;
  private final Map<String, Map<String, Set<String>>> actionInteractions;

  private ActionSnapshot(
      long now, Map<String, Map<String, Long>> takings, Optional<FilterExpression> filter, AttributeTable actions, AttributeTable users,
      Map<String, Map<String, Set<String>>> actionInteractions) {
    this.now = now;
    this.takings = takings;
    this.filter = filter;
    this.actions = actions;
    this.users = users;
    this.actionInteractions = actionInteractions;
  }

  /**
   * The snapshot of a group now.
   *
   * @param now epoch seconds
   * @param takings per user, the Taken actions put since training: action id to the latest time
   * @param filter the job's ActionID filter, if it has one
   * @param records what the filter reads (read only with a filter)
   * @param users the group's Users records, for the filter's IF clauses
   * @param interactingUsers the users with action interactions, whose interactions are kept when the filter reads them
   */
  public static ActionSnapshot of(
      long now, Map<String, Map<String, Long>> takings, Optional<FilterExpression> filter, ActionFilterRecords records, AttributeTable users,
      Collection<String> interactingUsers) {
    Map<String, Map<String, Set<String>>> interactions = new HashMap<>();
    if (filter.isPresent() && FilterEvaluation.readsActionInteractions(filter.get())) {
      for (String user : interactingUsers) {
        Map<String, Set<String>> own = records.actionInteractions(user);
        if (!own.isEmpty()) {
          interactions.put(user, own);
        }
      }
    }
    return new ActionSnapshot(now, Map.copyOf(takings), filter, filter.isPresent() ? records.actions() : AttributeTable.empty("ACTION_ID"),
        filter.isPresent() ? users : AttributeTable.empty("USER_ID"), interactions);
  }

  /** The time of the snapshot, epoch seconds: what expirations and repeat frequencies are measured from. */
  public long now() {
    return now;
  }

  /** The job's ActionID filter, if it has one. */
  public Optional<FilterExpression> filter() {
    return filter;
  }

  /** A user's Taken actions put since training: action id to the latest time, epoch seconds. */
  public Map<String, Long> takings(String userId) {
    return takings.getOrDefault(userId, Map.of());
  }

  @Override
  public AttributeTable actions() {
    return actions;
  }

  @Override
  public Optional<AttributeRecord> user(String userId) {
    return users.get(userId);
  }

  @Override
  public Map<String, Set<String>> actionInteractions(String userId) {
    return actionInteractions.getOrDefault(userId, Map.of());
  }

  /** Writes the snapshot, gzipped; the stream stays open. */
  public void write(OutputStream out) throws IOException {
    List<Throwable> failed = new ArrayList<>();
    try (GZIPOutputStream zip = new GZIPOutputStream(new UnclosedOutputStream(out), 1 << 16);
        JsonGenerator g = new JsonFactory().createGenerator(zip)) {
      g.writeStartObject();
      g.writeNumberField("now", now);
      g.writeObjectFieldStart("takings");
      for (Map.Entry<String, Map<String, Long>> user : takings.entrySet()) {
        g.writeObjectFieldStart(user.getKey());
        for (Map.Entry<String, Long> taken : user.getValue().entrySet()) {
          g.writeNumberField(taken.getKey(), taken.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      if (filter.isPresent()) {
        g.writeStringField("filter", filter.get().text());
      }
      g.writeArrayFieldStart("actions");
      actions.forEach(r -> FilterSnapshot.writeRecord(g, r, failed));
      g.writeEndArray();
      g.writeArrayFieldStart("users");
      users.forEach(r -> FilterSnapshot.writeRecord(g, r, failed));
      g.writeEndArray();
      g.writeObjectFieldStart("actionInteractions");
      for (Map.Entry<String, Map<String, Set<String>>> user : actionInteractions.entrySet()) {
        g.writeObjectFieldStart(user.getKey());
        for (Map.Entry<String, Set<String>> type : user.getValue().entrySet()) {
          g.writeArrayFieldStart(type.getKey());
          for (String action : type.getValue()) {
            g.writeString(action);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    if (!failed.isEmpty()) {
      throw new IOException("cannot write the action snapshot: " + failed.get(0).getMessage(), failed.get(0));
    }
  }

  /** Reads what {@link #write} wrote; {@code file} names it in messages. */
  public static ActionSnapshot read(InputStream in, String file) throws IOException {
    JsonNode root;
    try (GZIPInputStream zip = new GZIPInputStream(in, 1 << 16)) {
      root = MAPPER.readTree(zip);
    }
    if (root == null || !root.path("now").isIntegralNumber()) {
      throw new IOException("The action snapshot " + file + " has no time (now).");
    }
    Map<String, Map<String, Long>> takings = new HashMap<>();
    for (Map.Entry<String, JsonNode> user : root.path("takings").properties()) {
      Map<String, Long> own = new HashMap<>();
      user.getValue().properties().forEach(taken -> own.put(taken.getKey(), taken.getValue().asLong()));
      takings.put(user.getKey(), own);
    }
    Optional<FilterExpression> filter = root.hasNonNull("filter") ? Optional.of(FilterExpression.parse(root.get("filter").asText())) : Optional.empty();
    List<AttributeRecord> actions = new ArrayList<>();
    root.path("actions").forEach(r -> actions.add(FilterSnapshot.record(r)));
    List<AttributeRecord> users = new ArrayList<>();
    root.path("users").forEach(r -> users.add(FilterSnapshot.record(r)));
    Map<String, Map<String, Set<String>>> interactions = new HashMap<>();
    for (Map.Entry<String, JsonNode> user : root.path("actionInteractions").properties()) {
      Map<String, Set<String>> byType = new HashMap<>();
      for (Map.Entry<String, JsonNode> type : user.getValue().properties()) {
        Set<String> ids = new LinkedHashSet<>();
        type.getValue().forEach(id -> ids.add(id.asText()));
        byType.put(type.getKey(), ids);
      }
      interactions.put(user.getKey(), byType);
    }
    return new ActionSnapshot(root.get("now").asLong(), takings, filter, AttributeTable.of("ACTION_ID", actions), AttributeTable.of("USER_ID", users), interactions);
  }
}
