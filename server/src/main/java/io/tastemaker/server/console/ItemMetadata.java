package io.tastemaker.server.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.AttributeValue;
import io.tastemaker.server.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The Items fields of a list of items, as the console's answer table shows them: text, fields in schema order. */
final class ItemMetadata {
  private ItemMetadata() {}

  /**
   * {@code {"fields": [...], "items": {id: {field: text}}}}: the fields any of the items has, in
   * the schema's order, and each known item's values; unknown items are left out.
   */
  static ObjectNode of(AttributeTable table, List<String> schemaFields, List<String> itemIds) {
    ObjectNode answer = Json.object();
    ObjectNode items = Json.object();
    Set<String> present = new LinkedHashSet<>();
    for (String id : itemIds) {
      Optional<AttributeRecord> record = table.get(id);
      if (record.isEmpty()) {
        continue;
      }
      ObjectNode values = items.putObject(id);
      for (String field : orderedFields(record.get(), schemaFields)) {
        values.put(field, text(record.get().values().get(field)));
        present.add(field);
      }
    }
    List<String> fields = new ArrayList<>(schemaFields);
    fields.retainAll(present);
    present.stream().filter(f -> !fields.contains(f)).sorted().forEach(fields::add);
    fields.forEach(answer.putArray("fields")::add);
    answer.set("items", items);
    return answer;
  }

  private static List<String> orderedFields(AttributeRecord record, List<String> schemaFields) {
    List<String> fields = new ArrayList<>(schemaFields);
    fields.retainAll(record.values().keySet());
    record.values().keySet().stream().filter(f -> !fields.contains(f)).sorted().forEach(fields::add);
    return fields;
  }

  /** Multi-valued text joined with |, as it was imported (sorted: the table keeps values as a set); whole numbers without ".0". */
  static String text(AttributeValue value) {
    if (value instanceof AttributeValue.Text text) {
      return String.join("|", new TreeSet<>(text.values()));
    }
    double number = ((AttributeValue.Numeric) value).value();
    return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number) : Double.toString(number);
  }
}
