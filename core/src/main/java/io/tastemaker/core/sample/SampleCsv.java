package io.tastemaker.core.sample;

import java.io.IOException;
import java.io.Writer;

/** Writes the sample's three datasets as Personalize CSV: a header row, then one row per record. */
final class SampleCsv {

  static final String INTERACTIONS_HEADER = "USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP";

  static final String ITEMS_HEADER = "ITEM_ID,TITLE,CATEGORY,PRICE,CREATION_TIMESTAMP";

  static final String ECOMMERCE_ITEMS_HEADER = "ITEM_ID,TITLE,CATEGORY_L1,PRICE,CREATION_TIMESTAMP";

  static final String USERS_HEADER = "USER_ID,AGE_GROUP,MEMBERSHIP";

  /** Rows are gathered into chunks of about this size, so an unbuffered writer is fine too. */
  private static final int CHUNK_CHARS = 1 << 14;

  private SampleCsv() {}

  static void writeInteractions(
      InteractionLog log, Shoppers shoppers, Catalog catalog, boolean ecommerce, Writer out) throws IOException {
    StringBuilder text = withHeader(INTERACTIONS_HEADER);
    for (int i = 0; i < log.size(); i++) {
      text.append(Csv.field(shoppers.ids[log.user(i)])).append(',')
          .append(Csv.field(catalog.ids[log.item(i)])).append(',')
          .append(ecommerce ? log.event(i).ecommerceName() : log.event(i).wireName()).append(',')
          .append(log.timestamp(i)).append('\n');
      flushIfFull(text, out);
    }
    out.append(text);
  }

  static void writeItems(Catalog catalog, boolean ecommerce, Writer out) throws IOException {
    StringBuilder text = withHeader(ecommerce ? ECOMMERCE_ITEMS_HEADER : ITEMS_HEADER);
    for (int i = 0; i < catalog.size(); i++) {
      text.append(Csv.field(catalog.ids[i])).append(',')
          .append(Csv.field(catalog.titles[i])).append(',')
          .append(Csv.field(catalog.categoryName(i))).append(',')
          .append(Csv.cents(catalog.priceCents[i])).append(',')
          .append(catalog.createdAt[i]).append('\n');
      flushIfFull(text, out);
    }
    out.append(text);
  }

  static void writeUsers(Shoppers shoppers, Writer out) throws IOException {
    StringBuilder text = withHeader(USERS_HEADER);
    for (int u = 0; u < shoppers.size(); u++) {
      text.append(Csv.field(shoppers.ids[u])).append(',')
          .append(Csv.field(AgeGroups.LABELS.get(shoppers.ageGroup[u]))).append(',')
          .append(Csv.field(shoppers.membership(u))).append('\n');
      flushIfFull(text, out);
    }
    out.append(text);
  }

  private static StringBuilder withHeader(String header) {
    return new StringBuilder(CHUNK_CHARS + 256).append(header).append('\n');
  }

  private static void flushIfFull(StringBuilder text, Writer out) throws IOException {
    if (text.length() >= CHUNK_CHARS) {
      out.append(text);
      text.setLength(0);
    }
  }
}
