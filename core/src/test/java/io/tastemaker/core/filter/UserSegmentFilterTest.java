package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSegmentFilterTest {
  private static final List<String> USERS = List.of("ann", "bob", "cy", "dee");
  private static final AttributeTable RECORDS = AttributeTable.empty("USER_ID").withRecords(List.of(
      Map.of("USER_ID", "ann", "MEMBERSHIP", "gold", "AGE", 40),
      Map.of("USER_ID", "bob", "MEMBERSHIP", "silver", "AGE", 17),
      Map.of("USER_ID", "cy", "MEMBERSHIP", "gold", "AGE", 22)));
  // dee has no record; ann clicked, bob rated, cy did both, dee nothing.
  private static final List<Set<String>> TYPES = List.of(Set.of("click"), Set.of("rating"), Set.of("click", "rating"), Set.of());

  private static List<String> allowed(String expression, Map<String, String> values) {
    BitSet bits = UserSegmentFilter.compile(FilterExpression.parse(expression), USERS).allowed(RECORDS, TYPES::get, values);
    return bits.stream().mapToObj(USERS::get).toList();
  }

  @Test
  void users_conditions_test_the_users_records() {
    assertThat(allowed("INCLUDE UserID WHERE Users.MEMBERSHIP IN ($MEMBERSHIP)", Map.of("MEMBERSHIP", "\"gold\""))).containsExactly("ann", "cy");
    assertThat(allowed("EXCLUDE UserID WHERE Users.AGE < $AGE", Map.of("AGE", "18"))).containsExactly("ann", "cy", "dee");
  }

  @Test
  void interactions_conditions_test_the_users_event_types() {
    assertThat(allowed("INCLUDE UserID WHERE Interactions.EVENT_TYPE IN (\"CLICK\")", Map.of())).containsExactly("ann", "cy");
    assertThat(allowed("EXCLUDE UserID WHERE Interactions.EVENT_TYPE IN ($T)", Map.of("T", "\"rating\""))).containsExactly("ann", "dee");
    assertThat(allowed("INCLUDE UserID WHERE Interactions.EVENT_TYPE IN (\"*\")", Map.of())).containsExactly("ann", "bob", "cy");
  }

  @Test
  void an_exclude_without_its_value_does_not_apply_and_an_include_needs_its_value() {
    assertThat(allowed("EXCLUDE UserID WHERE Users.AGE < $AGE", Map.of())).containsExactlyElementsOf(USERS);
    assertThatThrownBy(() -> allowed("INCLUDE UserID WHERE Users.MEMBERSHIP IN ($M)", Map.of()))
        .isInstanceOf(FilterValueException.class).hasMessageContaining("$M");
  }

  @Test
  void an_item_filter_cannot_filter_users() {
    assertThatThrownBy(() -> UserSegmentFilter.compile(FilterExpression.parse("INCLUDE ItemID WHERE Items.GENRE IN (\"x\")"), USERS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ItemID");
  }
}
