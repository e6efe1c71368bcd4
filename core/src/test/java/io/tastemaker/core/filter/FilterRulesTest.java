package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterRulesTest {

  private static void assertRule(String text, String at, String detail) {
    int position = text.indexOf(at) + 1;
    assertThat(position).as("marker '%s' in the text", at).isPositive();
    assertThatThrownBy(() -> FilterExpression.parse(text))
        .isInstanceOf(FilterSyntaxException.class)
        .hasMessage("Invalid filter expression at character " + position + ": " + detail);
  }

  @Test
  void all_conditions_of_an_expression_use_the_dataset_of_the_first() {
    assertRule("INCLUDE ItemID WHERE Items.GENRE IN (\"x\") AND Interactions.EVENT_TYPE IN (\"click\")", "Interactions",
        "all conditions of an expression must use the dataset of its first condition (Items),"
            + " got Interactions.EVENT_TYPE; chain expressions with | to combine datasets");
    assertRule("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\") OR Items.GENRE IN (\"x\")", "Items",
        "all conditions of an expression must use the dataset of its first condition (Interactions),"
            + " got Items.GENRE; chain expressions with | to combine datasets");
  }

  @Test
  void chained_expressions_may_use_different_datasets() {
    FilterExpression filter = FilterExpression.parse(
        "INCLUDE ItemID WHERE Items.GENRE IN (\"x\") | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")");

    assertThat(filter.expressions()).hasSize(2);
  }

  @Test
  void interactions_conditions_only_test_event_type() {
    assertRule("EXCLUDE ItemID WHERE Interactions.EVENT_VALUE IN (\"5\")", "Interactions",
        "Interactions conditions can only test EVENT_TYPE, got Interactions.EVENT_VALUE");
  }

  @Test
  void event_type_is_not_ordered() {
    assertRule("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE > 3", ">",
        "Interactions.EVENT_TYPE can only be tested with IN, NOT IN or =, got >");
  }

  @Test
  void the_wildcard_is_only_for_event_type() {
    assertRule("INCLUDE ItemID WHERE Items.GENRE IN (\"*\")", "\"*\"",
        "\"*\" (any event type) can only be used with Interactions.EVENT_TYPE or Action_Interactions.EVENT_TYPE, got Items.GENRE");
    assertRule("INCLUDE ItemID WHERE Items.GENRE = \"*\"", "\"*\"",
        "\"*\" (any event type) can only be used with Interactions.EVENT_TYPE or Action_Interactions.EVENT_TYPE, got Items.GENRE");
    assertRule("INCLUDE ItemID WHERE Items.A IN (\"x\") IF CurrentUser.TIER IN (\"*\")", "\"*\"",
        "\"*\" (any event type) can only be used with Interactions.EVENT_TYPE or Action_Interactions.EVENT_TYPE, got CurrentUser.TIER");
  }

  @Test
  void the_wildcard_and_a_placeholder_stand_alone_in_their_list() {
    assertRule("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\", \"*\")", "\"*\"",
        "\"*\" must be the only value of its IN list");
    assertRule("INCLUDE ItemID WHERE Items.GENRE IN ($GENRE, \"drama\")", "$GENRE",
        "$GENRE must be the only value of its IN list");
  }

  @Test
  void placeholders_with_not_in_suggest_the_opposite_action_with_in() {
    assertRule("INCLUDE ItemID WHERE Items.GENRE NOT IN ($GENRE)", "$GENRE",
        "placeholders cannot be used with NOT IN; use IN with the opposite action,"
            + " as in EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE)");
    assertRule("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE NOT IN ($TYPES)", "$TYPES",
        "placeholders cannot be used with NOT IN; use IN with the opposite action,"
            + " as in INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($TYPES)");
  }

  @Test
  void current_user_fields_belong_in_the_if_clause() {
    assertRule("INCLUDE ItemID WHERE CurrentUser.AGE > 18", "CurrentUser",
        "CurrentUser fields can only be tested in the IF clause at the end of an expression, got CurrentUser.AGE");
  }

  @Test
  void the_if_clause_only_tests_current_user_fields() {
    assertRule("INCLUDE ItemID WHERE Items.A IN (\"x\") IF Users.AGE > 18", "Users",
        "the IF clause can only test CurrentUser fields, got Users.AGE");
    assertRule("INCLUDE ItemID WHERE Items.A IN (\"x\") IF AGE > 18", "AGE",
        "expected a field such as CurrentUser.AGE after IF, got 'AGE'; name the dataset too, as in CurrentUser.AGE");
    assertRule("INCLUDE ItemID WHERE Items.A IN (\"x\") IF CurrentUser.AGE NOT IN (\"1\")", "NOT",
        "expected IN, =, <, <=, > or >= after CurrentUser.AGE, got 'NOT'");
  }

  @Test
  void current_item_fields_are_only_compared_with_items_fields() {
    assertRule("INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN CurrentItem.GENRE", "CurrentItem",
        "CurrentItem fields can only be compared with Items fields, got Interactions.EVENT_TYPE and CurrentItem.GENRE");
    assertRule("INCLUDE ItemID WHERE Items.A IN (\"x\") IF CurrentUser.AGE < CurrentItem.MIN_AGE", "CurrentItem",
        "CurrentItem fields cannot be used in the IF clause, got CurrentItem.MIN_AGE");
    assertRule("INCLUDE ItemID WHERE CurrentItem.GENRE IN (\"x\")", "CurrentItem",
        "CurrentItem fields can only be compared with, as in Items.GENRE IN CurrentItem.GENRE;"
            + " got CurrentItem.GENRE before the operator");
    assertRule("INCLUDE ItemID WHERE Items.GENRE IN Items.STYLE", "Items.STYLE",
        "only a CurrentItem field can be compared with, got Items.STYLE");
  }

  @Test
  void item_filters_test_the_user_through_the_if_clause_only() {
    assertRule("INCLUDE ItemID WHERE Users.AGE > 18", "Users",
        "ItemID expressions test Items or Interactions fields, got Users.AGE;"
            + " test the requesting user with IF CurrentUser.AGE at the end of the expression");
  }

  @Test
  void user_filters_do_not_test_items() {
    assertRule("INCLUDE UserID WHERE Items.GENRE IN (\"x\")", "Items",
        "UserID expressions test Users or Interactions fields, got Items.GENRE");
  }

  @Test
  void all_expressions_of_a_filter_have_one_target() {
    assertRule("INCLUDE ItemID WHERE Items.A IN (\"x\") | EXCLUDE UserID WHERE Users.B IN (\"y\")", "UserID",
        "all expressions of a filter must have the same target; the first one has ItemID, got UserID");
  }

  @Test
  void at_most_five_distinct_dataset_fields_are_allowed() {
    String five = "INCLUDE ItemID WHERE Items.A IN (\"x\") AND Items.B IN (\"x\") AND Items.C < CurrentItem.C"
        + " | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\") IF CurrentUser.AGE > 1 AND CurrentUser.AGE < 99";
    assertThat(FilterExpression.parse(five).fields()).hasSize(5);

    String six = five + " | EXCLUDE ItemID WHERE Items.A IN (\"y\") OR Items.F IN (\"z\")";
    assertRule(six, "Items.F",
        "a filter can use at most 5 distinct dataset fields; Items.F is one more than"
            + " Items.A, Items.B, Items.C, Interactions.EVENT_TYPE, Users.AGE");
  }

  @Test
  void the_field_limit_is_configurable() {
    String six = "INCLUDE ItemID WHERE Items.A IN (\"x\") AND Items.B IN (\"x\") AND Items.C IN (\"x\")"
        + " AND Items.D IN (\"x\") AND Items.E IN (\"x\") AND Items.F IN (\"x\")";

    assertThatThrownBy(() -> FilterExpression.parse(six)).isInstanceOf(FilterSyntaxException.class);
    assertThat(FilterExpression.parse(six, new FilterLimits(10, 2500)).fields()).hasSize(6);
  }

  @Test
  void a_user_id_filter_parses_but_cannot_be_compiled_for_items() {
    FilterExpression filter = FilterExpression.parse("INCLUDE UserID WHERE Users.MEMBERSHIP_STATUS IN ($MEMBERSHIP)");

    assertThat(filter.target()).isEqualTo(Target.USER_ID);
    assertThatThrownBy(() -> CompiledFilter.compile(filter, List.of("i1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UserID filter selects users and cannot filter items");
  }
}
