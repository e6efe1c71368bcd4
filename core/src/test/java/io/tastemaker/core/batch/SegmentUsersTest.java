package io.tastemaker.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.affinity.UserMask;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.FilterRecords;
import io.tastemaker.core.filter.FilterSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A segment job's UserID filter gives the same users from live records and from their {@link
 * FilterSnapshot}. Twelve users u0..u11, AGE 20 + 3u, women the even ones; u0..u3 clicked (in
 * any case), the others watched, u11 has no interactions.
 */
class SegmentUsersTest {
  private static final String FILTER =
      "INCLUDE UserID WHERE Users.AGE >= $MIN | INCLUDE UserID WHERE Interactions.EVENT_TYPE IN ($TYPE) | EXCLUDE UserID WHERE Users.GENDER IN (\"F\")";

  /** Records held in maps, as the server's live ones are read: each user's event types once, without an item. */
  private record Live(AttributeTable users, Map<String, String> eventTypes) implements FilterRecords {
    @Override
    public AttributeTable items() {
      return AttributeTable.empty("ITEM_ID");
    }

    @Override
    public Optional<AttributeRecord> user(String userId) {
      return users.get(userId);
    }

    @Override
    public void interactions(String userId, BiConsumer<String, String> interaction) {
      Optional.ofNullable(eventTypes.get(userId)).ifPresent(type -> interaction.accept(type, ""));
    }
  }

  @Test
  void a_snapshot_gives_the_users_of_the_live_records() throws IOException {
    List<String> ids = new ArrayList<>();
    List<Map<String, Object>> records = new ArrayList<>();
    Map<String, String> types = new java.util.HashMap<>();
    for (int u = 0; u < 12; u++) {
      ids.add("u" + u);
      records.add(Map.of("USER_ID", "u" + u, "AGE", 20 + 3 * u, "GENDER", u % 2 == 0 ? "F" : "M"));
      if (u < 11) {
        types.put("u" + u, u < 4 ? (u % 2 == 0 ? "CLICK" : "click") : "watch");
      }
    }
    Live live = new Live(AttributeTable.empty("USER_ID").withRecords(records), types);
    FilterExpression filter = FilterExpression.parse(FILTER);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FilterSnapshot.write(filter, live, live.users(), types.keySet(), out);
    FilterSnapshot snapshot = FilterSnapshot.read(new ByteArrayInputStream(out.toByteArray()), "test");

    Function<Map<String, String>, UserMask> fromLive = SegmentUsers.of(filter, ids, live.users(), live);
    Function<Map<String, String>, UserMask> fromSnapshot = SegmentUsers.of(snapshot.filter(), ids, snapshot.users(), snapshot);
    // AGE >= 41 is u7..u11, click is u0..u3; men only: u1, u3, u7, u9, u11.
    Map<String, String> values = Map.of("MIN", "41", "TYPE", "\"click\"");
    assertThat(allowed(fromLive.apply(values), ids)).containsExactly("u1", "u3", "u7", "u9", "u11");
    for (Map<String, String> v : List.of(values, Map.of("MIN", "60", "TYPE", "\"watch\""), Map.of("MIN", "20", "TYPE", "\"view\""))) {
      assertThat(allowed(fromSnapshot.apply(v), ids)).as(v.toString()).isEqualTo(allowed(fromLive.apply(v), ids));
    }
    assertThatThrownBy(() -> fromSnapshot.apply(Map.of("MIN", "30"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TYPE");
  }

  private static List<String> allowed(UserMask mask, List<String> ids) {
    List<String> allowed = new ArrayList<>();
    for (int u = 0; u < ids.size(); u++) {
      if (mask.allows(u)) {
        allowed.add(ids.get(u));
      }
    }
    return allowed;
  }
}
