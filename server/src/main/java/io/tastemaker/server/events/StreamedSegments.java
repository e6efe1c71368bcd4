package io.tastemaker.server.events;

import io.tastemaker.core.data.Column;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.FieldType;
import io.tastemaker.core.schema.SchemaField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streamed events and put records as segments, so training reads them exactly like imported data:
 * events become Interactions rows (an anonymous event counts for the user who claimed its session),
 * records become Items or Users rows after every imported one, so they replace earlier records.
 */
public final class StreamedSegments {
  private StreamedSegments() {}

  /** The events with an item as one Interactions segment, with the schema's other fields from their properties. */
  public static Optional<Segment> ofEvents(List<StreamedEvent> events, DatasetSchema schema) {
    List<String> users = LiveHistories.userKeys(events);
    StringColumn.Builder userIds = new StringColumn.Builder("USER_ID");
    StringColumn.Builder itemIds = new StringColumn.Builder("ITEM_ID");
    LongColumn.Builder times = new LongColumn.Builder("TIMESTAMP");
    StringColumn.Builder types = new StringColumn.Builder("EVENT_TYPE");
    DoubleColumn.Builder values = new DoubleColumn.Builder("EVENT_VALUE");
    StringColumn.Builder impressions = new StringColumn.Builder("IMPRESSION");
    boolean impressed = false;
    List<SchemaField> others = schema.fields().stream().filter(f -> f.type() == FieldType.STRING && !isEventMember(f.name())).toList();
    List<StringColumn.Builder> otherColumns = others.stream().map(f -> new StringColumn.Builder(f.name())).toList();
    int rows = 0;
    for (int i = 0; i < events.size(); i++) {
      StreamedEvent e = events.get(i);
      if (e.itemId().isEmpty()) {
        continue;
      }
      userIds.append(users.get(i));
      itemIds.append(e.itemId().get());
      times.append(e.sentAt());
      types.append(e.eventType());
      if (e.eventValue().isPresent()) {
        values.append(e.eventValue().getAsDouble());
      } else {
        values.appendNull();
      }
      if (e.impression().isPresent()) {
        impressions.append(e.impression().get());
        impressed = true;
      } else {
        impressions.appendNull();
      }
      for (int f = 0; f < others.size(); f++) {
        String value = e.fields().get(others.get(f).name());
        if (value == null) {
          otherColumns.get(f).appendNull();
        } else {
          otherColumns.get(f).append(value);
        }
      }
      rows++;
    }
    if (rows == 0) {
      return Optional.empty();
    }
    List<Column> columns = new ArrayList<>(List.of(userIds.build(), itemIds.build(), times.build()));
    if (schema.has("EVENT_TYPE")) {
      columns.add(types.build());
    }
    if (schema.has("EVENT_VALUE")) {
      columns.add(values.build());
    }
    // Impressions train aws-user-personalization whether or not the schema names IMPRESSION.
    if (impressed) {
      columns.add(impressions.build());
    }
    otherColumns.forEach(c -> columns.add(c.build()));
    return Optional.of(new Segment(DatasetType.INTERACTIONS, rows, columns));
  }

  /** Put records as one segment of their dataset type: string fields, and CREATION_TIMESTAMP. */
  public static Optional<Segment> ofRecords(Map<String, Map<String, String>> records, DatasetType type, String idField, DatasetSchema schema) {
    if (records.isEmpty()) {
      return Optional.empty();
    }
    StringColumn.Builder ids = new StringColumn.Builder(idField);
    List<SchemaField> strings = schema.fields().stream().filter(f -> f.type() == FieldType.STRING && !f.name().equals(idField)).toList();
    List<StringColumn.Builder> stringColumns = strings.stream().map(f -> new StringColumn.Builder(f.name())).toList();
    LongColumn.Builder created = new LongColumn.Builder("CREATION_TIMESTAMP");
    for (Map.Entry<String, Map<String, String>> r : records.entrySet()) {
      ids.append(r.getKey());
      for (int f = 0; f < strings.size(); f++) {
        String value = r.getValue().get(strings.get(f).name());
        if (value == null) {
          stringColumns.get(f).appendNull();
        } else {
          stringColumns.get(f).append(value);
        }
      }
      String creation = r.getValue().get("CREATION_TIMESTAMP");
      if (creation == null) {
        created.appendNull();
      } else {
        created.append(Long.parseLong(creation));
      }
    }
    List<Column> columns = new ArrayList<>(List.of(ids.build()));
    stringColumns.forEach(c -> columns.add(c.build()));
    if (schema.has("CREATION_TIMESTAMP")) {
      columns.add(created.build());
    }
    return Optional.of(new Segment(type, records.size(), columns));
  }

  private static boolean isEventMember(String field) {
    return switch (field) {
      case "USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "IMPRESSION", "RECOMMENDATION_ID", "EVENT_ATTRIBUTION_SOURCE" -> true;
      default -> false;
    };
  }
}
