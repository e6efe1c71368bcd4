package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluation on a hand-built catalogue:
 *
 * <pre>
 * i0  GENRES Comedy|Drama  PRICE 10    COLOR red
 * i1  GENRES Drama         PRICE 20
 * i2  GENRES Horror        PRICE 30    COLOR blue
 * i3  GENRES Comedy        PRICE 20.5
 * i4  (no record)
 * i5  GENRES Action
 * x9  GENRES Horror|Comedy PRICE 20    (not in the catalogue; a related-items seed)
 * </pre>
 *
 * The user clicked i0 and i1 (once as "Click"), viewed i2 and bought i3.
 */
class CompiledFilterTest {
  private static final List<String> CATALOGUE = List.of("i0", "i1", "i2", "i3", "i4", "i5");
  private static final AttributeTable ITEMS = AttributeTable.empty("ITEM_ID").withRecords(List.of(
      Map.of("ITEM_ID", "i0", "GENRES", "Comedy|Drama", "PRICE", 10, "COLOR", "red"),
      Map.of("ITEM_ID", "i1", "GENRES", "Drama", "PRICE", 20L),
      Map.of("ITEM_ID", "i2", "GENRES", "Horror", "PRICE", 30.0, "COLOR", "blue"),
      Map.of("ITEM_ID", "i3", "GENRES", "Comedy", "PRICE", 20.5),
      Map.of("ITEM_ID", "i5", "GENRES", "Action"),
      Map.of("ITEM_ID", "x9", "GENRES", "Horror|Comedy", "PRICE", 20)));
  private static final UserInteractions HISTORY = UserInteractions.builder()
      .add("click", 0).add("Click", 1).add("view", 2).add("purchase", 3).build();
  private static final FilterRequest REQUEST = FilterRequest.of(ITEMS).withInteractions(HISTORY);

  private static List<String> allowed(String filter, FilterRequest request) {
    FilterMask mask = CompiledFilter.compile(FilterExpression.parse(filter), CATALOGUE).mask(request);
    return ids(mask);
  }

  private static List<String> ids(FilterMask mask) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < CATALOGUE.size(); i++) {
      if (mask.allows(i)) {
        ids.add(CATALOGUE.get(i));
      }
    }
    return ids;
  }

  private static List<String> allowed(String filter) {
    return allowed(filter, REQUEST);
  }

  private static FilterRequest values(String key, String value) {
    return REQUEST.withFilterValues(Map.of(key, value));
  }

  private static AttributeRecord user(Map<String, ?> fields) {
    return AttributeRecord.of("USER_ID", fields);
  }

  @Test
  void in_keeps_items_with_a_listed_value() {
    assertThat(allowed("INCLUDE ItemID WHERE Items.COLOR IN (\"red\", \"green\")")).containsExactly("i0");
  }

  @Test
  void in_on_a_multi_valued_field_matches_when_any_value_is_listed() {
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")")).containsExactly("i0", "i1");
    assertThat(allowed("EXCLUDE ItemID WHERE Items.GENRES IN (\"Drama\", \"Action\")")).containsExactly("i2", "i3", "i4");
  }

  @Test
  void string_comparison_is_exact() {
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES IN (\"comedy\", \"Comedy \")")).isEmpty();
  }

  @Test
  void not_in_keeps_items_with_a_value_none_of_which_is_listed() {
    // i4 has no record and i1, i5 no COLOR: a missing value satisfies no condition.
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES NOT IN (\"Comedy\")")).containsExactly("i1", "i2", "i5");
    assertThat(allowed("INCLUDE ItemID WHERE Items.COLOR NOT IN (\"red\")")).containsExactly("i2");
  }

  @Test
  void equality_compares_numbers_whether_written_quoted_or_not() {
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE = 20")).containsExactly("i1");
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE = \"20.0\"")).containsExactly("i1");
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE IN (10, \"30\")")).containsExactly("i0", "i2");
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES = \"Horror\"")).containsExactly("i2");
  }

  @Test
  void range_comparisons_order_numbers_and_skip_items_without_one() {
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE < 20")).containsExactly("i0");
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE <= 20")).containsExactly("i0", "i1");
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE > 20")).containsExactly("i2", "i3");
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE >= 20")).containsExactly("i1", "i2", "i3");
    assertThat(allowed("EXCLUDE ItemID WHERE Items.PRICE >= 20")).containsExactly("i0", "i4", "i5");
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES > 1")).isEmpty();
  }

  @Test
  void and_binds_tighter_than_or_in_evaluation() {
    // Horror, or (Comedy and PRICE > 15): i2, plus i3.
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES IN (\"Horror\") OR Items.GENRES IN (\"Comedy\") AND Items.PRICE > 15"))
        .containsExactly("i2", "i3");
  }

  @Test
  void placeholder_values_are_read_from_filter_values() {
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)", values("GENRE", "\"Horror\",\"Action\"")))
        .containsExactly("i2", "i5");
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE <= $PRICE", values("PRICE", "\"20\""))).containsExactly("i0", "i1");
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE <= $PRICE", values("PRICE", "20"))).containsExactly("i0", "i1");
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE = $PRICE", values("PRICE", "\"10\",\"30\""))).containsExactly("i0", "i2");
  }

  @Test
  void a_missing_placeholder_of_an_include_expression_is_an_error_naming_it() {
    assertThatThrownBy(() -> allowed("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)", values("OTHER", "\"x\"")))
        .isInstanceOf(FilterValueException.class)
        .hasMessage("filterValues must have a value for GENRE: the INCLUDE expression at character 1 uses $GENRE");
  }

  @Test
  void a_missing_placeholder_disables_its_exclude_expression() {
    assertThat(allowed("EXCLUDE ItemID WHERE Items.GENRES IN ($GENRE)")).containsExactlyElementsOf(CATALOGUE);
    assertThat(allowed("EXCLUDE ItemID WHERE Items.GENRES IN ($GENRE) | EXCLUDE ItemID WHERE Items.PRICE > 20"))
        .containsExactly("i0", "i1", "i4", "i5");
  }

  @Test
  void a_malformed_placeholder_value_is_an_error_naming_key_and_value() {
    assertThatThrownBy(() -> allowed("EXCLUDE ItemID WHERE Items.GENRES IN ($GENRE)", values("GENRE", "Horror")))
        .isInstanceOf(FilterValueException.class)
        .hasMessageStartingWith("filterValues GENRE has a malformed value 'Horror'");
  }

  @Test
  void a_range_placeholder_must_be_one_number() {
    assertThatThrownBy(() -> allowed("INCLUDE ItemID WHERE Items.PRICE < $PRICE", values("PRICE", "\"1\",\"2\"")))
        .isInstanceOf(FilterValueException.class)
        .hasMessage("filterValues PRICE must be a single number, since Items.PRICE < $PRICE compares with it; got '\"1\",\"2\"'");
    assertThatThrownBy(() -> allowed("INCLUDE ItemID WHERE Items.PRICE < $PRICE", values("PRICE", "\"cheap\"")))
        .isInstanceOf(FilterValueException.class);
  }

  @Test
  void event_types_select_the_users_own_interactions() {
    assertThat(allowed("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")")).containsExactly("i2", "i3", "i4", "i5");
    assertThat(allowed("INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"purchase\", \"view\")")).containsExactly("i2", "i3");
    assertThat(allowed("INCLUDE ItemID WHERE Interactions.EVENT_TYPE = \"view\"")).containsExactly("i2");
  }

  @Test
  void event_types_compare_case_insensitively() {
    assertThat(allowed("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"CLICK\")")).containsExactly("i2", "i3", "i4", "i5");
    assertThat(HISTORY.interacted("CliCK", 1)).isTrue();
    assertThat(HISTORY.eventTypes()).containsExactlyInAnyOrder("click", "view", "purchase");
  }

  @Test
  void field_names_match_ignoring_case_as_personalize_matches_them() {
    assertThat(allowed("EXCLUDE ItemID WHERE Interactions.event_type IN (\"click\")")).containsExactly("i2", "i3", "i4", "i5");
    assertThat(allowed("INCLUDE ItemID WHERE items.genres IN (\"Drama\") AND Items.Price >= 10")).containsExactly("i0", "i1");
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\") IF currentuser.age > 18",
        REQUEST.withCurrentUser(user(Map.of("USER_ID", "u", "AGE", 30))))).containsExactly("i0", "i1");
  }

  @Test
  void the_wildcard_matches_every_event_type() {
    assertThat(allowed("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\")")).containsExactly("i4", "i5");
  }

  @Test
  void not_in_on_event_types_selects_interactions_of_other_types() {
    assertThat(allowed("INCLUDE ItemID WHERE Interactions.EVENT_TYPE NOT IN (\"click\")")).containsExactly("i2", "i3");
  }

  @Test
  void an_event_type_placeholder_is_read_from_filter_values() {
    assertThat(allowed("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($EVENT_TYPE)", values("EVENT_TYPE", "\"Purchase\"")))
        .containsExactly("i0", "i1", "i2", "i4", "i5");
  }

  @Test
  void an_include_on_interactions_selects_nothing_for_a_user_without_them() {
    assertThat(allowed("INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")", FilterRequest.of(ITEMS))).isEmpty();
  }

  @Test
  void an_if_clause_that_holds_applies_the_expression() {
    String filter = "INCLUDE ItemID WHERE Items.GENRES IN (\"Comedy\") IF CurrentUser.AGE > 18 AND CurrentUser.TIER IN (\"gold\")";

    assertThat(allowed(filter, REQUEST.withCurrentUser(user(Map.of("USER_ID", "u", "AGE", 30, "TIER", "gold|vip")))))
        .containsExactly("i0", "i3");
  }

  @Test
  void an_if_clause_that_fails_or_cannot_be_evaluated_makes_the_expression_restrict_nothing() {
    String filter = "INCLUDE ItemID WHERE Items.GENRES IN (\"Comedy\") IF CurrentUser.AGE > 18";

    assertThat(allowed(filter, REQUEST.withCurrentUser(user(Map.of("USER_ID", "u", "AGE", 12))))).containsExactlyElementsOf(CATALOGUE);
    assertThat(allowed(filter, REQUEST.withCurrentUser(user(Map.of("USER_ID", "u", "TIER", "gold"))))).containsExactlyElementsOf(CATALOGUE);
    assertThat(allowed(filter, REQUEST)).containsExactlyElementsOf(CATALOGUE);
  }

  @Test
  void an_exclude_applies_only_when_its_if_clause_holds() {
    String filter = "EXCLUDE ItemID WHERE Items.GENRES IN ($GENRE) IF CurrentUser.AGE = $AGE";
    FilterRequest request = REQUEST.withFilterValues(Map.of("GENRE", "\"Horror\"", "AGE", "\"12\""));

    assertThat(allowed(filter, request.withCurrentUser(user(Map.of("USER_ID", "u", "AGE", 12))))).containsExactly("i0", "i1", "i3", "i4", "i5");
    assertThat(allowed(filter, request.withCurrentUser(user(Map.of("USER_ID", "u", "AGE", 40))))).containsExactlyElementsOf(CATALOGUE);
  }

  @Test
  void an_include_that_does_not_apply_leaves_the_other_includes_in_charge() {
    String filter = "INCLUDE ItemID WHERE Items.GENRES IN (\"Comedy\") IF CurrentUser.AGE > 18"
        + " | INCLUDE ItemID WHERE Items.GENRES IN (\"Horror\")";

    assertThat(allowed(filter, REQUEST)).containsExactly("i2");
  }

  @Test
  void current_item_fields_come_from_the_requests_item() {
    String filter = "INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.GENRES IN CurrentItem.GENRES";

    // x9: PRICE 20, GENRES Horror|Comedy; cheaper and sharing a genre: i0 only.
    assertThat(allowed(filter, REQUEST.withCurrentItem("x9"))).containsExactly("i0");
    // i1: PRICE 20, GENRES Drama.
    assertThat(allowed(filter, REQUEST.withCurrentItem("i1"))).containsExactly("i0");
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES = CurrentItem.GENRES", REQUEST.withCurrentItem("x9")))
        .containsExactly("i0", "i2", "i3");
  }

  @Test
  void a_current_item_without_the_field_satisfies_no_condition() {
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE", REQUEST.withCurrentItem("i5"))).isEmpty();
    assertThat(allowed("EXCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES", REQUEST.withCurrentItem("unknown")))
        .containsExactlyElementsOf(CATALOGUE);
  }

  @Test
  void a_nan_number_equals_and_orders_with_nothing() {
    AttributeTable items = ITEMS.withRecords(List.of(Map.of("ITEM_ID", "nan", "PRICE", Double.NaN), Map.of("ITEM_ID", "i5", "PRICE", Double.NaN)));
    FilterRequest request = FilterRequest.of(items).withCurrentItem("nan");

    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE >= CurrentItem.PRICE", request)).isEmpty();
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE = CurrentItem.PRICE", request)).isEmpty();
    assertThat(allowed("INCLUDE ItemID WHERE Items.PRICE NOT IN (10)", request)).containsExactly("i1", "i2", "i3", "i5");
  }

  @Test
  void a_current_item_filter_needs_an_item_in_the_request() {
    assertThatThrownBy(() -> allowed("INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES", REQUEST))
        .isInstanceOf(FilterValueException.class)
        .hasMessage("The filter compares with CurrentItem.GENRES, which needs the itemId of a related-items request");
  }

  @Test
  void include_expressions_combine_as_a_union() {
    assertThat(allowed("INCLUDE ItemID WHERE Items.GENRES IN (\"Horror\") | INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"purchase\")"))
        .containsExactly("i2", "i3");
  }

  @Test
  void exclude_expressions_combine_as_a_union_of_what_they_remove() {
    assertThat(allowed("EXCLUDE ItemID WHERE Items.GENRES IN (\"Drama\") | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"view\")"))
        .containsExactly("i3", "i4", "i5");
  }

  @Test
  void mixed_expressions_give_the_includes_minus_the_excludes_in_any_order() {
    String include = "INCLUDE ItemID WHERE Items.GENRES IN (\"Comedy\", \"Drama\")";
    String exclude = "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")";

    assertThat(allowed(include + " | " + exclude)).containsExactly("i3");
    assertThat(allowed(exclude + " | " + include)).containsExactly("i3");
  }

  @Test
  void upserting_an_item_changes_the_next_mask() {
    CompiledFilter filter = CompiledFilter.compile(
        FilterExpression.parse("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)"), CATALOGUE);
    Map<String, String> drama = Map.of("GENRE", "\"Drama\"");
    assertThat(ids(filter.mask(REQUEST.withFilterValues(drama)))).containsExactly("i0", "i1");

    AttributeTable updated = ITEMS.withRecords(List.of(Map.of("ITEM_ID", "i5", "GENRES", "Drama|Action"),
        Map.of("ITEM_ID", "i4", "GENRES", "Drama")));

    assertThat(ids(filter.mask(FilterRequest.of(updated).withFilterValues(drama)))).containsExactly("i0", "i1", "i4", "i5");
    assertThat(ids(filter.mask(REQUEST.withFilterValues(drama)))).containsExactly("i0", "i1");
  }

  @Test
  void repeated_requests_are_answered_alike_from_the_cache_and_distinct_values_apart() {
    CompiledFilter filter = CompiledFilter.compile(
        FilterExpression.parse("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)"), CATALOGUE);

    for (int round = 0; round < 3; round++) {
      assertThat(ids(filter.mask(values("GENRE", "\"Drama\"")))).containsExactly("i0", "i1");
      assertThat(ids(filter.mask(values("GENRE", "\"Horror\"")))).containsExactly("i2");
    }
    for (int i = 0; i < 2 * CompiledFilter.CACHE_ENTRIES; i++) {
      filter.mask(values("GENRE", "\"g" + i + "\""));
    }
    assertThat(ids(filter.mask(values("GENRE", "\"Comedy\"")))).containsExactly("i0", "i3");
  }

  @Test
  void a_mask_reports_its_count_and_copies_its_bits() {
    FilterMask mask = CompiledFilter.compile(
        FilterExpression.parse("EXCLUDE ItemID WHERE Items.PRICE >= 20"), CATALOGUE).mask(REQUEST);

    assertThat(mask.allowedCount()).isEqualTo(3);
    assertThat(mask.allowsAll()).isFalse();
    assertThat(mask.allows(-1)).isFalse();
    assertThat(mask.allows(6)).isFalse();
    BitSet bits = mask.toBitSet();
    bits.clear();
    assertThat(mask.allowedCount()).isEqualTo(3);
    assertThat(FilterMask.all(4).allowsAll()).isTrue();
  }

  @Test
  void interactions_outside_the_catalogue_are_ignored() {
    FilterRequest request = FilterRequest.of(ITEMS).withInteractions(UserInteractions.builder().add("click", 99).add("click", 2).build());

    FilterMask mask = CompiledFilter.compile(
        FilterExpression.parse("INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")"), CATALOGUE).mask(request);

    assertThat(ids(mask)).containsExactly("i2");
    assertThat(mask.allowedCount()).isEqualTo(1);
  }

  @Test
  void filter_values_beyond_the_documented_limits_are_rejected() {
    assertThatThrownBy(() -> values("G", "x".repeat(1001)))
        .isInstanceOf(FilterValueException.class)
        .hasMessage("filterValues G has 1001 characters, at most 1000 are allowed");
  }
}
