package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.model.ItemCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * A filter's snapshot evaluates every request as the records it was written from do: Items fields
 * (text with several values and numbers), Users records for IF clauses, and interactions by event
 * type, including items the catalogue does not know.
 */
class FilterSnapshotTest {
  private static final String EXPRESSION = "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\") | INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)"
      + " | EXCLUDE ItemID WHERE Items.PRICE > 40 IF CurrentUser.AGE > 30";

  /** Records held in maps, as the server's live ones are read. */
  private record Live(AttributeTable items, AttributeTable users, Map<String, List<String[]>> interactions) implements FilterRecords {
    @Override
    public Optional<AttributeRecord> user(String userId) {
      return users.get(userId);
    }

    @Override
    public void interactions(String userId, BiConsumer<String, String> interaction) {
      interactions.getOrDefault(userId, List.of()).forEach(p -> interaction.accept(p[0], p[1]));
    }
  }

  @Test
  void a_snapshot_gives_the_masks_of_the_records_it_was_written_from() throws IOException {
    Random random = new Random(5);
    List<String> genres = List.of("Action", "Comedy", "Drama");
    List<Map<String, Object>> items = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add("item-" + i);
      // Some items have two genres, some no price.
      String genre = genres.get(i % 3) + (i % 7 == 0 ? "|" + genres.get((i + 1) % 3) : "");
      Map<String, Object> record = new HashMap<>(Map.of("ITEM_ID", "item-" + i, "GENRES", genre));
      if (i % 5 != 0) {
        record.put("PRICE", random.nextInt(80) + 0.5);
      }
      items.add(record);
    }
    List<Map<String, Object>> users = new ArrayList<>();
    Map<String, List<String[]>> interactions = new HashMap<>();
    for (int u = 0; u < 20; u++) {
      users.add(Map.of("USER_ID", "user-" + u, "AGE", 20 + u));
      List<String[]> list = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        list.add(new String[] {k % 2 == 0 ? "watch" : "Click", k == 5 ? "not-in-the-catalogue" : "item-" + random.nextInt(60)});
      }
      interactions.put("user-" + u, list);
    }
    Live live = new Live(AttributeTable.empty("ITEM_ID").withRecords(items), AttributeTable.empty("USER_ID").withRecords(users), interactions);
    FilterExpression filter = FilterExpression.parse(EXPRESSION);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FilterSnapshot.write(filter, live, live.users(), interactions.keySet(), bytes);
    FilterSnapshot snapshot = FilterSnapshot.read(new ByteArrayInputStream(bytes.toByteArray()), "test");

    assertThat(snapshot.filter().text()).isEqualTo(EXPRESSION);
    ItemCatalog catalog = new ItemCatalog(ids);
    CompiledFilter fromLive = CompiledFilter.compile(filter, ids);
    CompiledFilter fromSnapshot = CompiledFilter.compile(snapshot.filter(), ids);
    int differentMasks = 0;
    FilterMask previous = null;
    for (int u = 0; u < 22; u++) {
      // Two users have neither a record nor interactions.
      Optional<String> user = Optional.of("user-" + u);
      Map<String, String> values = Map.of("GENRE", "\"" + genres.get(u % 3) + "\"");
      FilterMask expected = FilterEvaluation.mask(fromLive, live, catalog, values, user, Optional.empty());
      FilterMask actual = FilterEvaluation.mask(fromSnapshot, snapshot, catalog, values, user, Optional.empty());
      for (int i = 0; i < ids.size(); i++) {
        assertThat(actual.allows(i)).as("user-%d, item-%d", u, i).isEqualTo(expected.allows(i));
      }
      if (previous != null && !sameMask(previous, expected, ids.size())) {
        differentMasks++;
      }
      previous = expected;
    }
    // The check means something: the users' masks differ.
    assertThat(differentMasks).isGreaterThan(10);
  }

  private static boolean sameMask(FilterMask a, FilterMask b, int size) {
    for (int i = 0; i < size; i++) {
      if (a.allows(i) != b.allows(i)) {
        return false;
      }
    }
    return true;
  }
}
