package io.tastemaker.server.serving;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.core.nextbestaction.ActionEventType;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.datasets.DamagedDataException;
import io.tastemaker.server.datasets.DatasetContents;
import io.tastemaker.server.events.RecordLog;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.datasets.DatasetSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What filters and the business rules read of a dataset group: the attributes of its items, users
 * and actions, each user's imported interactions and action interactions, and the Items records as
 * text. Loaded on first use; an import reloads its dataset, PutItems/PutUsers/PutActions records are
 * merged in at once, and action interactions are read again when PutActionInteractions stored more. Damaged data
 * answers ResourceNotFoundException naming the dataset, the file and the import to run again.
 */
public final class GroupAttributes {
  /** The newest imported interactions per user a filter looks at (Personalize's documented 200). */
  static final int INTERACTIONS_PER_USER = 200;

  private final ApiContext ctx;
  private final Map<String, AttributeTable> tables = new ConcurrentHashMap<>();
  private final Map<String, Imported> interactions = new ConcurrentHashMap<>();
  private final Map<String, ItemTexts> texts = new ConcurrentHashMap<>();
  private final Map<String, ActionHistory> actionHistories = new ConcurrentHashMap<>();

  /** Each user's action interactions: event type (its documented spelling) to the action ids, as of a record sequence. */
  private record ActionHistory(RecordLog.Version version, Map<String, Map<String, Set<String>>> byUser) {}

  /** A group's imported interactions and where each user's are. */
  public record Imported(InteractionData data, Map<String, Integer> userIndex) {
    static Imported of(InteractionData data) {
      Map<String, Integer> index = new HashMap<>(data.userCount() * 2);
      for (int u = 0; u < data.userCount(); u++) {
        index.put(data.userId(u), u);
      }
      return new Imported(data, index);
    }
  }

  public GroupAttributes(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The group's Items attributes; empty without an Items dataset. */
  public AttributeTable items(String datasetGroupArn) {
    return table(ctx.arns().dataset(Arns.resourceName(datasetGroupArn), "ITEMS"), "ITEM_ID");
  }

  /** The group's Users attributes; empty without a Users dataset. */
  public AttributeTable users(String datasetGroupArn) {
    return table(ctx.arns().dataset(Arns.resourceName(datasetGroupArn), "USERS"), "USER_ID");
  }

  /** The group's Actions attributes; empty without an Actions dataset. */
  public AttributeTable actions(String datasetGroupArn) {
    return table(ctx.arns().dataset(Arns.resourceName(datasetGroupArn), "ACTIONS"), "ACTION_ID");
  }

  /**
   * The actions a user interacted with, imported and put, by event type ("Taken", "Not Taken",
   * "Viewed"); interactions of other event types are left out, as training leaves them out.
   */
  public Map<String, Set<String>> actionInteractions(String datasetGroupArn, String userId) {
    return actionInteractionsByUser(datasetGroupArn).getOrDefault(userId, Map.of());
  }

  /** Every user's action interactions, as {@link #actionInteractions} gives one user's. */
  public Map<String, Map<String, Set<String>>> actionInteractionsByUser(String datasetGroupArn) {
    String datasetArn = ctx.arns().dataset(Arns.resourceName(datasetGroupArn), "ACTION_INTERACTIONS");
    RecordLog.Version version = ctx.db().read(tx -> RecordLog.version(tx, datasetArn));
    ActionHistory history = actionHistories.get(datasetArn);
    if (history == null || !history.version().equals(version)) {
      Map<String, Map<String, Set<String>>> byUser = new HashMap<>();
      for (Segment s : segments(datasetArn)) {
        StringColumn users = s.strings("USER_ID");
        StringColumn actions = s.strings("ACTION_ID");
        StringColumn types = s.strings("EVENT_TYPE");
        for (int row = 0; row < s.rows(); row++) {
          if (!users.isNull(row) && !types.isNull(row)) {
            addActionInteraction(byUser, users.value(row), types.value(row), actions.value(row));
          }
        }
      }
      ctx.db().read(tx -> RecordLog.load(tx, datasetArn)).values().forEach(fields -> {
        if (fields.get("USER_ID") != null) {
          addActionInteraction(byUser, fields.get("USER_ID"), fields.getOrDefault("EVENT_TYPE", ""), fields.get("ACTION_ID"));
        }
      });
      history = new ActionHistory(version, byUser);
      actionHistories.put(datasetArn, history);
    }
    return history.byUser();
  }

  private static void addActionInteraction(Map<String, Map<String, Set<String>>> byUser, String user, String eventType, String action) {
    ActionEventType.parse(eventType).ifPresent(type ->
        byUser.computeIfAbsent(user, u -> new HashMap<>()).computeIfAbsent(type.wireName(), t -> new HashSet<>()).add(action));
  }

  /** The group's imported interactions, every event type. */
  public Imported interactions(String datasetGroupArn) {
    String datasetArn = ctx.arns().dataset(Arns.resourceName(datasetGroupArn), "INTERACTIONS");
    return interactions.computeIfAbsent(datasetArn, arn -> Imported.of(InteractionData.fromSegments(segments(arn), InteractionFilter.ALL)));
  }

  /** The group's Items records as text, for metadata columns; empty without an Items dataset. */
  public ItemTexts itemTexts(String datasetGroupArn) {
    String datasetArn = ctx.arns().dataset(Arns.resourceName(datasetGroupArn), "ITEMS");
    return texts.computeIfAbsent(datasetArn, arn -> ItemTexts.of(segments(arn), ctx.db().read(tx -> RecordLog.load(tx, arn)).entrySet().stream().map(e -> {
      Map<String, String> record = new HashMap<>(e.getValue());
      record.put("ITEM_ID", e.getKey());
      return record;
    }).toList(), "ITEM_ID"));
  }

  /** Forgets what was loaded of a dataset, after an import changed it. */
  public void reload(String datasetArn) {
    tables.remove(datasetArn);
    interactions.remove(datasetArn);
    texts.remove(datasetArn);
    actionHistories.remove(datasetArn);
  }

  /** Merges records just put (field name to text, the id included) into a loaded table, so filters see them at once. */
  public void put(String datasetArn, List<Map<String, String>> records) {
    tables.computeIfPresent(datasetArn, (arn, table) -> table.withRecords(typed(arn, records)));
    texts.computeIfPresent(datasetArn, (arn, items) -> {
      items.put(records);
      return items;
    });
  }

  /**
   * Merges the records another replica put into a dataset (those with a seq from {@code firstSeq} to
   * {@code lastSeq}, as they are stored now) into what is loaded of it; nothing when nothing is.
   */
  public void putStored(String datasetArn, long firstSeq, long lastSeq) {
    if (!tables.containsKey(datasetArn) && !texts.containsKey(datasetArn)) {
      return;
    }
    String idField = idField(datasetArn);
    List<Map<String, String>> records = new ArrayList<>();
    ctx.db().read(tx -> RecordLog.between(tx, datasetArn, firstSeq, lastSeq)).forEach((id, fields) -> {
      Map<String, String> record = new HashMap<>(fields);
      record.put(idField, id);
      records.add(record);
    });
    if (!records.isEmpty()) {
      put(datasetArn, records);
    }
  }

  /** The id field of a dataset's records: ITEM_ID, USER_ID or ACTION_ID. */
  private static String idField(String datasetArn) {
    String type = datasetArn.substring(datasetArn.lastIndexOf('/') + 1);
    return switch (type) {
      case "USERS" -> "USER_ID";
      case "ACTIONS" -> "ACTION_ID";
      default -> "ITEM_ID";
    };
  }

  /** Forgets everything loaded, of every dataset. */
  public void clear() {
    tables.clear();
    interactions.clear();
    texts.clear();
    actionHistories.clear();
  }

  /** Records with the values of numeric schema fields as numbers, as filters compare them. */
  private List<Map<String, Object>> typed(String datasetArn, List<Map<String, String>> records) {
    Set<String> numeric = new HashSet<>();
    DatasetSchemas.ofDataset(ctx, datasetArn)
        .ifPresent(parsed -> parsed.fields().stream().filter(f -> f.type().isNumeric()).forEach(f -> numeric.add(f.name())));
    List<Map<String, Object>> typed = new ArrayList<>();
    for (Map<String, String> record : records) {
      Map<String, Object> values = new HashMap<>();
      record.forEach((field, value) -> values.put(field, numeric.contains(field) ? (Object) Double.parseDouble(value) : value));
      typed.add(values);
    }
    return typed;
  }

  private AttributeTable table(String datasetArn, String idField) {
    return tables.computeIfAbsent(datasetArn, arn -> {
      AttributeTable table = AttributeTable.fromSegments(segments(arn), idField);
      List<Map<String, String>> records = new ArrayList<>();
      ctx.db().read(tx -> RecordLog.load(tx, arn)).forEach((id, fields) -> {
        Map<String, String> record = new HashMap<>(fields);
        record.put(idField, id);
        records.add(record);
      });
      return records.isEmpty() ? table : table.withRecords(typed(arn, records));
    });
  }

  private List<Segment> segments(String datasetArn) {
    Optional<Resource> dataset = ctx.db().read(tx -> ctx.resources().find(tx, datasetArn));
    if (dataset.isEmpty()) {
      return List.of();
    }
    try {
      return DatasetContents.load(ctx, dataset.get());
    } catch (DamagedDataException e) {
      // Not cached: once the data is imported again the next request loads it.
      throw ApiException.notFound(e.getMessage());
    }
  }
}
