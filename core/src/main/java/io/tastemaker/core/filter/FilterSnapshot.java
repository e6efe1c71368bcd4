package io.tastemaker.core.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.core.io.UnclosedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * An ItemID filter (or a segment job's UserID filter) with what it reads of its dataset group, as of
 * one moment, for a process that does not have the group (a Spark executor answering a batch job's
 * lines): the expression, the Items and Users records, and each user's interactions when an
 * Interactions condition reads them. Written and read as gzipped JSON.
 */
public final class FilterSnapshot implements FilterRecords {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final FilterExpression filter;
  private final AttributeTable items;
  private final AttributeTable users;
  private final Map<String, List<String[]>> interactions;

  private FilterSnapshot(FilterExpression filter, AttributeTable items, AttributeTable users, Map<String, List<String[]>> interactions) {
    this.filter = filter;
    this.items = items;
    this.users = users;
    this.interactions = interactions;
  }

  public FilterExpression filter() {
    return filter;
  }

  @Override
  public AttributeTable items() {
    return items;
  }

  @Override
  public Optional<AttributeRecord> user(String userId) {
    return users.get(userId);
  }

  /** The Users records (a UserID filter of a segment job tests them all). */
  public AttributeTable users() {
    return users;
  }

  @Override
  public void interactions(String userId, BiConsumer<String, String> interaction) {
    for (String[] typeAndItem : interactions.getOrDefault(userId, List.of())) {
      interaction.accept(typeAndItem[0], typeAndItem[1]);
    }
  }

  /**
   * Writes the filter and what it reads: the Items records of {@code records}, every Users record,
   * and, when the filter reads Interactions, those of every user in {@code interactingUsers}.
   */
  public static void write(FilterExpression filter, FilterRecords records, AttributeTable users, Collection<String> interactingUsers, OutputStream out)
      throws IOException {
    try (GZIPOutputStream zip = new GZIPOutputStream(new UnclosedOutputStream(out), 1 << 16);
        JsonGenerator g = new JsonFactory().createGenerator(zip)) {
      g.writeStartObject();
      g.writeStringField("expression", filter.text());
      g.writeArrayFieldStart("items");
      List<Throwable> failed = new ArrayList<>();
      records.items().forEach(r -> writeRecord(g, r, failed));
      g.writeEndArray();
      g.writeArrayFieldStart("users");
      users.forEach(r -> writeRecord(g, r, failed));
      g.writeEndArray();
      g.writeObjectFieldStart("interactions");
      if (FilterEvaluation.readsInteractions(filter)) {
        for (String userId : interactingUsers) {
          List<String[]> list = new ArrayList<>();
          records.interactions(userId, (type, item) -> list.add(new String[] {type, item}));
          if (!list.isEmpty()) {
            g.writeArrayFieldStart(userId);
            for (String[] typeAndItem : list) {
              g.writeArray(typeAndItem, 0, 2);
            }
            g.writeEndArray();
          }
        }
      }
      g.writeEndObject();
      g.writeEndObject();
      if (!failed.isEmpty()) {
        throw new IOException("cannot write the filter snapshot: " + failed.get(0).getMessage(), failed.get(0));
      }
    }
  }

  /** Writes a record as a snapshot holds it; a failure goes to {@code failed}, as the table's forEach cannot throw. */
  public static void writeRecord(JsonGenerator g, AttributeRecord r, List<Throwable> failed) {
    try {
      g.writeStartObject();
      g.writeStringField("id", r.id());
      g.writeObjectFieldStart("values");
      for (Map.Entry<String, AttributeValue> e : r.values().entrySet()) {
        if (e.getValue() instanceof AttributeValue.Numeric n) {
          g.writeNumberField(e.getKey(), n.value());
        } else {
          g.writeArrayFieldStart(e.getKey());
          for (String v : ((AttributeValue.Text) e.getValue()).values()) {
            g.writeString(v);
          }
          g.writeEndArray();
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      failed.add(e);
    }
  }

  /** Reads a snapshot {@link #write} wrote; {@code file} names it in messages. */
  public static FilterSnapshot read(InputStream in, String file) throws IOException {
    JsonNode root;
    try (GZIPInputStream zip = new GZIPInputStream(in, 1 << 16)) {
      root = MAPPER.readTree(zip);
    }
    if (root == null || !root.hasNonNull("expression")) {
      throw new IOException("The filter snapshot " + file + " has no expression.");
    }
    FilterExpression filter = FilterExpression.parse(root.get("expression").asText());
    List<AttributeRecord> items = new ArrayList<>();
    root.path("items").forEach(r -> items.add(record(r)));
    List<AttributeRecord> users = new ArrayList<>();
    root.path("users").forEach(r -> users.add(record(r)));
    Map<String, List<String[]>> interactions = new HashMap<>();
    for (Map.Entry<String, JsonNode> user : root.path("interactions").properties()) {
      List<String[]> list = new ArrayList<>(user.getValue().size());
      user.getValue().forEach(pair -> list.add(new String[] {pair.get(0).asText(), pair.get(1).asText()}));
      interactions.put(user.getKey(), list);
    }
    return new FilterSnapshot(filter, AttributeTable.of("ITEM_ID", items), AttributeTable.of("USER_ID", users), interactions);
  }

  /** Reads a record {@link #writeRecord} wrote. */
  public static AttributeRecord record(JsonNode r) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : r.path("values").properties()) {
      if (field.getValue().isNumber()) {
        values.put(field.getKey(), new AttributeValue.Numeric(field.getValue().asDouble()));
      } else {
        List<String> texts = new ArrayList<>();
        field.getValue().forEach(v -> texts.add(v.asText()));
        values.put(field.getKey(), new AttributeValue.Text(new LinkedHashSet<>(texts)));
      }
    }
    return new AttributeRecord(r.path("id").asText(), values);
  }
}
