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
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A dataset group's Items records as of one moment, for a process that does not have the group (a
 * Spark executor answering aws-item-attribute-affinity segment lines): gzipped JSON, each record as
 * {@link FilterSnapshot} writes it.
 */
public final class ItemRecordsSnapshot {
  private ItemRecordsSnapshot() {}

  /** Writes the table's records; the stream stays open. */
  public static void write(AttributeTable items, OutputStream out) throws IOException {
    List<Throwable> failed = new ArrayList<>();
    try (GZIPOutputStream zip = new GZIPOutputStream(new UnclosedOutputStream(out), 1 << 16);
        JsonGenerator g = new JsonFactory().createGenerator(zip)) {
      g.writeStartObject();
      g.writeArrayFieldStart("items");
      items.forEach(r -> FilterSnapshot.writeRecord(g, r, failed));
      g.writeEndArray();
      g.writeEndObject();
    }
    if (!failed.isEmpty()) {
      throw new IOException("cannot write the items' records: " + failed.get(0).getMessage(), failed.get(0));
    }
  }

  /** Reads what {@link #write} wrote as an {@code ITEM_ID} table; {@code file} names it in messages. */
  public static AttributeTable read(InputStream in, String file) throws IOException {
    JsonNode root;
    try (GZIPInputStream zip = new GZIPInputStream(in, 1 << 16)) {
      root = new ObjectMapper().readTree(zip);
    }
    if (root == null || !root.has("items")) {
      throw new IOException("The items' records " + file + " have no items.");
    }
    List<AttributeRecord> records = new ArrayList<>();
    root.get("items").forEach(r -> records.add(FilterSnapshot.record(r)));
    return AttributeTable.of("ITEM_ID", records);
  }
}
