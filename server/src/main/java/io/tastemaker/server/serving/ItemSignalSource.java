package io.tastemaker.server.serving;

import io.tastemaker.core.rules.ItemSignals;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.rules.ItemSignalSnapshot;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ItemSignals} of a served model's catalogue, from its dataset group's data: popularity
 * is the number of imported interactions of each item (what training reads), freshness its Items
 * {@code CREATION_TIMESTAMP} ({@link ItemSignalSnapshot#creationTime}), else its first imported interaction. Computed on first use per
 * solution version and again after an import or a PutItems changed what they read.
 */
public final class ItemSignalSource {
  /** Counts and first times from one load of the interactions. */
  private record Counted(GroupAttributes.Imported from, long[] interactions, long[] firstSeen) {}

  /** The signals from one load of the interactions and one version of the Items table. */
  private record Known(Counted counted, AttributeTable items, ItemSignals signals) {}

  private final GroupAttributes attributes;
  private final Map<String, Known> byVersion = new ConcurrentHashMap<>();

  public ItemSignalSource(GroupAttributes attributes) {
    this.attributes = attributes;
  }

  /** The signals of the items a served model knows. */
  public ItemSignals of(ServedModel served) {
    GroupAttributes.Imported imported = attributes.interactions(served.datasetGroupArn());
    AttributeTable items = attributes.items(served.datasetGroupArn());
    // A model that took in new items since deployment (aws-user-personalization) has a catalogue of its own.
    String key = served.solutionVersionArn() + "@" + served.model().items().size();
    Known known = byVersion.get(key);
    if (known != null && known.counted().from() == imported && known.items() == items) {
      return known.signals();
    }
    ItemCatalog catalog = served.model().items();
    Counted counted = known != null && known.counted().from() == imported ? known.counted() : count(imported, catalog);
    long[] created = counted.firstSeen().clone();
    for (int i = 0; i < catalog.size(); i++) {
      Optional<Long> time = creationTime(items.get(catalog.id(i)));
      if (time.isPresent()) {
        created[i] = time.get();
      }
    }
    ItemSignals signals = ItemSignals.of(counted.interactions(), created);
    byVersion.put(key, new Known(counted, items, signals));
    return signals;
  }

  private static Counted count(GroupAttributes.Imported imported, ItemCatalog catalog) {
    InteractionData data = imported.data();
    int[] toCatalog = new int[data.itemCount()];
    for (int i = 0; i < toCatalog.length; i++) {
      OptionalInt index = catalog.indexOf(data.itemId(i));
      toCatalog[i] = index.orElse(-1);
    }
    long[] interactions = new long[catalog.size()];
    long[] firstSeen = new long[catalog.size()];
    Arrays.fill(firstSeen, ItemSignals.UNKNOWN_TIME);
    for (int i = 0; i < data.size(); i++) {
      int item = toCatalog[data.item(i)];
      if (item >= 0) {
        interactions[item]++;
        long t = data.timestamp(i);
        if (firstSeen[item] == ItemSignals.UNKNOWN_TIME || t < firstSeen[item]) {
          firstSeen[item] = t;
        }
      }
    }
    return new Counted(imported, interactions, firstSeen);
  }

  private static Optional<Long> creationTime(Optional<AttributeRecord> record) {
    return record.flatMap(ItemSignalSnapshot::creationTime);
  }
}
