package io.tastemaker.core.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.AttributeValue;
import io.tastemaker.core.io.UnclosedOutputStream;
import io.tastemaker.core.model.ItemCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What ranking influence reads of a dataset group, by item id, for a process that does not have the
 * group (a Spark executor): each item's imported interactions and first interaction time, and the
 * Items {@code CREATION_TIMESTAMP}. {@link #signals} turns them into the {@link ItemSignals} of a
 * model's catalogue as the server computes them. Written and read as gzipped JSON.
 */
public final class ItemSignalSnapshot {
  /** The Items field that dates an item. */
  public static final String CREATION_TIMESTAMP = "CREATION_TIMESTAMP";

  private final Map<String, long[]> counted;
  private final Map<String, Long> created;

  /** @param counted per item id: its interactions and its first interaction's time */
  private ItemSignalSnapshot(Map<String, long[]> counted, Map<String, Long> created) {
    this.counted = counted;
    this.created = created;
  }

  /** The signals of a group's imported interactions and Items records. */
  public static ItemSignalSnapshot of(InteractionData data, AttributeTable items) {
    long[] interactions = new long[data.itemCount()];
    long[] firstSeen = new long[data.itemCount()];
    Arrays.fill(firstSeen, ItemSignals.UNKNOWN_TIME);
    for (int i = 0; i < data.size(); i++) {
      int item = data.item(i);
      interactions[item]++;
      long t = data.timestamp(i);
      if (firstSeen[item] == ItemSignals.UNKNOWN_TIME || t < firstSeen[item]) {
        firstSeen[item] = t;
      }
    }
    Map<String, long[]> counted = new HashMap<>();
    for (int item = 0; item < interactions.length; item++) {
      if (interactions[item] > 0) {
        counted.put(data.itemId(item), new long[] {interactions[item], firstSeen[item]});
      }
    }
    Map<String, Long> created = new HashMap<>();
    items.forEach(r -> creationTime(r).ifPresent(t -> created.put(r.id(), t)));
    return new ItemSignalSnapshot(counted, created);
  }

  /** An item's creation time from its record, when it has a numeric CREATION_TIMESTAMP. */
  public static Optional<Long> creationTime(AttributeRecord record) {
    AttributeValue value = record.values().get(CREATION_TIMESTAMP);
    return value instanceof AttributeValue.Numeric n ? Optional.of((long) n.value()) : Optional.empty();
  }

  /**
   * The signals of a catalogue's items: popularity is the item's imported interactions, freshness
   * its creation time, else its first imported interaction, else {@link ItemSignals#UNKNOWN_TIME}.
   */
  public ItemSignals signals(ItemCatalog catalog) {
    long[] interactions = new long[catalog.size()];
    long[] createdAt = new long[catalog.size()];
    for (int i = 0; i < catalog.size(); i++) {
      String id = catalog.id(i);
      long[] c = counted.get(id);
      interactions[i] = c == null ? 0 : c[0];
      Long time = created.get(id);
      createdAt[i] = time != null ? time : c != null ? c[1] : ItemSignals.UNKNOWN_TIME;
    }
    return ItemSignals.of(interactions, createdAt);
  }

  /** Writes {@code {"counted":{"id":[interactions,firstSeen],...},"created":{"id":time,...}}}, gzipped; the stream stays open. */
  public void write(OutputStream out) throws IOException {
    try (GZIPOutputStream zip = new GZIPOutputStream(new UnclosedOutputStream(out), 1 << 16);
        JsonGenerator g = new JsonFactory().createGenerator(zip)) {
      g.writeStartObject();
      g.writeObjectFieldStart("counted");
      for (Map.Entry<String, long[]> e : counted.entrySet()) {
        g.writeFieldName(e.getKey());
        g.writeArray(e.getValue(), 0, 2);
      }
      g.writeEndObject();
      g.writeObjectFieldStart("created");
      for (Map.Entry<String, Long> e : created.entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** Reads what {@link #write} wrote; {@code file} names it in messages. */
  public static ItemSignalSnapshot read(InputStream in, String file) throws IOException {
    Map<String, long[]> counted = new HashMap<>();
    Map<String, Long> created = new HashMap<>();
    try (GZIPInputStream zip = new GZIPInputStream(in, 1 << 16);
        JsonParser p = new JsonFactory().createParser(zip)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, file);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String section = p.currentName();
        expect(p.nextToken(), JsonToken.START_OBJECT, file);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String id = p.currentName();
          if (section.equals("counted")) {
            expect(p.nextToken(), JsonToken.START_ARRAY, file);
            p.nextToken();
            long interactions = p.getLongValue();
            p.nextToken();
            long first = p.getLongValue();
            expect(p.nextToken(), JsonToken.END_ARRAY, file);
            counted.put(id, new long[] {interactions, first});
          } else {
            p.nextToken();
            created.put(id, p.getLongValue());
          }
        }
      }
    }
    return new ItemSignalSnapshot(counted, created);
  }

  private static void expect(JsonToken token, JsonToken expected, String file) throws IOException {
    if (token != expected) {
      throw new IOException("The item signal snapshot " + file + " is damaged: " + expected + " expected, got " + token + ".");
    }
  }
}
