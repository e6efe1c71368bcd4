package io.tastemaker.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.BooleanColumn;
import io.tastemaker.core.data.DoubleColumn;
import io.tastemaker.core.data.LongColumn;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.StringColumn;
import io.tastemaker.core.schema.DatasetType;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ItemTextsTest {
  /** Two items: a multi-valued genre in its own order, a price, a creation time, a flag; the second has no price. */
  private static Segment items() {
    BitSet noPrice = new BitSet();
    noPrice.set(1);
    return new Segment(DatasetType.ITEMS, 2, List.of(
        new StringColumn("ITEM_ID", new int[] {0, 1}, List.of("i1", "i2")),
        new StringColumn("GENRES", new int[] {0, 1}, List.of("Comedy|Action", "Drama")),
        new DoubleColumn("PRICE", new double[] {9.99, 0}, noPrice),
        new LongColumn("CREATION_TIMESTAMP", new long[] {1_700_000_000L, 1_600_000_000L}, new BitSet()),
        new BooleanColumn("IN_STOCK", new byte[] {1, 0})));
  }

  @Test
  void values_come_back_as_imported_text() {
    ItemTexts texts = ItemTexts.of(List.of(items()), List.of(), "ITEM_ID");
    assertThat(texts.get("i1")).contains(Map.of("GENRES", "Comedy|Action", "PRICE", "9.99", "CREATION_TIMESTAMP", "1700000000", "IN_STOCK", "true"));
    assertThat(texts.get("i2").orElseThrow()).doesNotContainKey("PRICE").containsEntry("IN_STOCK", "false").containsEntry("GENRES", "Drama");
    assertThat(texts.get("i3")).isEmpty();
  }

  @Test
  void numbers_are_plain_decimals() {
    assertThat(ItemTexts.plain(10.0)).isEqualTo("10");
    assertThat(ItemTexts.plain(0.001)).isEqualTo("0.001");
    assertThat(ItemTexts.plain(1e15)).isEqualTo("1000000000000000");
    assertThat(ItemTexts.plain(-2.5)).isEqualTo("-2.5");
  }

  @Test
  void records_put_later_replace_imported_ones_at_once() {
    ItemTexts texts = ItemTexts.of(List.of(items()), List.of(Map.of("ITEM_ID", "i2", "GENRES", "Horror|Drama")), "ITEM_ID");
    assertThat(texts.get("i2")).isEqualTo(Optional.of(Map.of("GENRES", "Horror|Drama")));
    texts.put(List.of(Map.of("ITEM_ID", "i9", "PRICE", "3.5")));
    assertThat(texts.get("i9")).contains(Map.of("PRICE", "3.5"));
  }
}
