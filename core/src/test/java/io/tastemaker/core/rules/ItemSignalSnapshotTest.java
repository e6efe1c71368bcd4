package io.tastemaker.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.model.ItemCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The item signals a Spark executor reads: popularity counts an item's imported interactions,
 * freshness takes its CREATION_TIMESTAMP, else its first interaction, else the oldest time; they
 * come back whole from the written snapshot, over any catalogue.
 */
class ItemSignalSnapshotTest {
  @Test
  void signals_count_interactions_and_date_items_by_record_then_first_interaction_and_survive_a_round_trip() throws IOException {
    InteractionData.Builder data = new InteractionData.Builder(List.of());
    data.add("u1", "a", 300, Optional.empty(), Double.NaN);
    data.add("u2", "a", 100, Optional.empty(), Double.NaN);
    data.add("u1", "b", 200, Optional.empty(), Double.NaN);
    data.add("u3", "a", 500, Optional.empty(), Double.NaN);
    AttributeTable items = AttributeTable.empty("ITEM_ID").withRecords(List.of(
        Map.of("ITEM_ID", "b", "CREATION_TIMESTAMP", 50), Map.of("ITEM_ID", "c", "CREATION_TIMESTAMP", 900), Map.of("ITEM_ID", "d", "GENRE", "x")));
    ItemSignalSnapshot snapshot = ItemSignalSnapshot.of(data.build(), items);
    // "e" is in the catalogue only: no interactions, no date.
    ItemCatalog catalog = new ItemCatalog(List.of("a", "b", "c", "d", "e"));

    ItemSignals signals = snapshot.signals(catalog);
    assertThat(new long[] {signals.interactions(0), signals.interactions(1), signals.interactions(2), signals.interactions(3), signals.interactions(4)})
        .containsExactly(3, 1, 0, 0, 0);
    assertThat(new long[] {signals.createdAt(0), signals.createdAt(1), signals.createdAt(2)}).containsExactly(100, 50, 900);
    assertThat(signals.createdAt(3)).isEqualTo(ItemSignals.UNKNOWN_TIME);
    assertThat(signals.popularity(0)).isEqualTo(1.0);
    assertThat(signals.freshness(2)).isEqualTo(1.0);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    snapshot.write(bytes);
    ItemSignals read = ItemSignalSnapshot.read(new ByteArrayInputStream(bytes.toByteArray()), "test").signals(catalog);
    for (int i = 0; i < catalog.size(); i++) {
      assertThat(read.interactions(i)).isEqualTo(signals.interactions(i));
      assertThat(read.createdAt(i)).isEqualTo(signals.createdAt(i));
      assertThat(read.popularity(i)).isEqualTo(signals.popularity(i));
      assertThat(read.freshness(i)).isEqualTo(signals.freshness(i));
    }
  }
}
