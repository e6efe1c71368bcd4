package io.tastemaker.server.datasets;

import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.SegmentRows;
import io.tastemaker.core.data.csv.CsvWriter;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.SchemaField;
import io.tastemaker.server.events.LiveHistories;
import io.tastemaker.server.events.StreamedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records a dataset export writes, as CSV lines in the schema's field order. As Personalize's
 * guide says, records equal in every field are written once; Items and Users keep the newest record
 * of each id (put records come after imported ones, as training reads them), Interactions keep
 * every distinct event.
 */
public final class ExportedRecords {
  private final List<String> header;
  private final int idIndex;
  private final Set<String> interactions = new LinkedHashSet<>();
  private final Map<String, String> byId = new LinkedHashMap<>();

  public ExportedRecords(DatasetSchema schema, DatasetType type) {
    this.header = schema.fields().stream().map(SchemaField::name).toList();
    String idField = switch (type) {
      case ITEMS -> "ITEM_ID";
      case USERS -> "USER_ID";
      case ACTIONS -> "ACTION_ID";
      default -> "";
    };
    this.idIndex = idField.isEmpty() ? -1 : indexIgnoringCase(header, idField);
  }

  /** The header line's field names. */
  public List<String> header() {
    return header;
  }

  /** Adds every row of an imported segment. */
  public void addSegment(Segment segment) {
    SegmentRows rows = new SegmentRows(segment, header);
    for (int r = 0; r < rows.rows(); r++) {
      add(rows.row(r));
    }
  }

  /** Adds streamed events with an item, each under the user it counts for (an anonymous session's claimer). */
  public void addEvents(List<StreamedEvent> events) {
    List<String> users = LiveHistories.userKeys(events);
    for (int i = 0; i < events.size(); i++) {
      StreamedEvent e = events.get(i);
      if (e.itemId().isEmpty()) {
        continue;
      }
      List<String> values = new ArrayList<>(header.size());
      for (String field : header) {
        values.add(eventValue(e, users.get(i), field));
      }
      add(values);
    }
  }

  /** Adds put records (field name to text), in the order they were put. */
  public void addRecords(Map<String, Map<String, String>> records) {
    for (Map.Entry<String, Map<String, String>> record : records.entrySet()) {
      List<String> values = new ArrayList<>(header.size());
      for (int f = 0; f < header.size(); f++) {
        values.add(f == idIndex ? record.getKey() : valueIgnoringCase(record.getValue(), header.get(f)));
      }
      add(values);
    }
  }

  /** The lines to write after the header, in the order first added. */
  public Collection<String> lines() {
    return idIndex < 0 ? interactions : byId.values();
  }

  private void add(List<String> values) {
    String line = CsvWriter.line(values);
    if (idIndex < 0) {
      interactions.add(line);
    } else {
      String id = values.get(idIndex);
      byId.remove(id);
      byId.put(id, line);
    }
  }

  private static String eventValue(StreamedEvent e, String user, String field) {
    return switch (field.toUpperCase(java.util.Locale.ROOT)) {
      case "USER_ID" -> user;
      case "ITEM_ID" -> e.itemId().orElse(null);
      case "TIMESTAMP" -> Long.toString(e.sentAt());
      case "EVENT_TYPE" -> e.eventType();
      case "EVENT_VALUE" -> e.eventValue().isPresent() ? Double.toString(e.eventValue().getAsDouble()) : null;
      case "RECOMMENDATION_ID" -> e.recommendationId().orElse(null);
      case "IMPRESSION" -> e.impression().orElse(null);
      default -> valueIgnoringCase(e.fields(), field);
    };
  }

  private static String valueIgnoringCase(Map<String, String> fields, String name) {
    String exact = fields.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (f.getKey().equalsIgnoreCase(name)) {
        return f.getValue();
      }
    }
    return null;
  }

  private static int indexIgnoringCase(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
