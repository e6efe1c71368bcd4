package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FilterSyntaxErrorTest {

  /** Asserts the exact message; the position is that of the first occurrence of {@code at}. */
  private static void assertError(String text, String at, String detail) {
    int position = at.isEmpty() ? text.length() + 1 : text.indexOf(at) + 1;
    assertThat(position).as("marker '%s' in the text", at).isPositive();
    assertErrorAt(text, position, detail);
  }

  private static void assertErrorAt(String text, int position, String detail) {
    assertThatThrownBy(() -> FilterExpression.parse(text))
        .isInstanceOfSatisfying(FilterSyntaxException.class, e -> {
          assertThat(e.position()).isEqualTo(position);
          assertThat(e.detail()).isEqualTo(detail);
        })
        .hasMessage("Invalid filter expression at character " + position + ": " + detail);
  }

  private static final String END = "";

  @Test
  void an_unknown_operator_names_the_field_the_word_and_the_operators() {
    assertError("INCLUDE ItemID WHERE Items.GENRE LIKE (\"x\")", "LIKE",
        "expected IN, NOT IN, =, <, <=, > or >= after Items.GENRE, got 'LIKE'");
  }

  @Test
  void the_position_is_one_based() {
    assertThatThrownBy(() -> FilterExpression.parse("INCLUDE ItemID WHERE Items.GENRE LIKE (\"x\")"))
        .hasMessageStartingWith("Invalid filter expression at character 34: ");
  }

  @Test
  void an_unterminated_string_points_at_its_opening_quote() {
    assertError("INCLUDE ItemID WHERE Items.GENRE IN (\"comedy)", "\"comedy",
        "the string that starts here is not closed: expected a closing \", got the end of the expression");
  }

  @Test
  void an_empty_list_is_rejected_at_the_closing_parenthesis() {
    assertError("INCLUDE ItemID WHERE Items.GENRE IN ()", ")",
        "the IN list is empty; expected at least one quoted value, number or $placeholder");
    assertError("INCLUDE ItemID WHERE Items.GENRE NOT IN ( )", ")",
        "the NOT IN list is empty; expected at least one quoted value, number or $placeholder");
  }

  @Test
  void trailing_garbage_after_a_condition_is_rejected() {
    assertError("INCLUDE ItemID WHERE Items.GENRE IN (\"x\") LIMIT 5", "LIMIT",
        "expected AND, OR, IF, | or the end of the expression after the condition on Items.GENRE, got 'LIMIT'");
    assertErrorAt("INCLUDE ItemID WHERE Items.GENRE IN (\"x\") )", 43,
        "expected AND, OR, IF, | or the end of the expression after the condition on Items.GENRE, got ')'");
  }

  @Test
  void a_missing_where_is_reported_after_the_target() {
    assertError("INCLUDE ItemID Items.GENRE IN (\"x\")", "Items.GENRE",
        "expected WHERE after ItemID, got 'Items.GENRE'");
  }

  @Test
  void an_if_clause_must_come_last() {
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\") IF CurrentUser.AGE > 18 AND Items.B IN (\"y\")", "Items.B",
        "the IF clause can only test CurrentUser fields, got Items.B; the IF clause must come last in its expression");
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\") IF CurrentUser.AGE > 18 OR CurrentUser.AGE < 5", "OR",
        "only AND can join the conditions of an IF clause, got 'OR'");
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\") IF CurrentUser.AGE > 18 IF CurrentUser.AGE < 50", "IF CurrentUser.AGE < 50",
        "an expression can have only one IF clause");
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\") IF CurrentUser.AGE > 18 Items.B IN (\"y\")", "Items.B",
        "expected AND, | or the end of the expression after the condition on CurrentUser.AGE, got 'Items.B';"
            + " the IF clause must come last in its expression");
  }

  @Test
  void an_empty_expression_expects_an_action() {
    assertError("", END, "expected INCLUDE or EXCLUDE at the start of the expression, got the end of the expression");
    assertError("   ", END, "expected INCLUDE or EXCLUDE at the start of the expression, got the end of the expression");
  }

  @Test
  void an_unknown_action_is_rejected() {
    assertError("SELECT ItemID WHERE Items.A IN (\"x\")", "SELECT",
        "expected INCLUDE or EXCLUDE at the start of the expression, got 'SELECT'");
  }

  @Test
  void an_unknown_target_is_rejected() {
    assertError("INCLUDE Items WHERE Items.A IN (\"x\")", "Items ",
        "expected ItemID, UserID or ActionID after INCLUDE, got 'Items'");
  }

  @Test
  void action_expressions_test_only_actions_action_interactions_and_the_current_user() {
    assertError("INCLUDE ActionID WHERE Items.GENRE IN (\"x\")", "Items.GENRE",
        "ActionID expressions test Actions or Action_Interactions fields, got Items.GENRE");
    assertError("EXCLUDE ActionID WHERE Interactions.EVENT_TYPE IN (\"Taken\")", "Interactions.",
        "ActionID expressions test Actions or Action_Interactions fields, got Interactions.EVENT_TYPE;"
            + " the user's interactions with actions are Action_Interactions.EVENT_TYPE");
    assertError("INCLUDE ActionID WHERE Users.TIER IN (\"gold\")", "Users.TIER",
        "ActionID expressions test Actions or Action_Interactions fields, got Users.TIER;"
            + " test the requesting user with IF CurrentUser.TIER at the end of the expression");
    assertError("INCLUDE ItemID WHERE Actions.VALUE > 10", "Actions.VALUE",
        "Actions fields can only be tested by ActionID expressions, as in INCLUDE ActionID WHERE Actions.VALUE ...;"
            + " this expression selects ItemID");
    assertError("INCLUDE ActionID WHERE Action.MEMBERSHIP_LEVEL IN (\"Premium\")", "Action.",
        "unknown dataset 'Action' in Action.MEMBERSHIP_LEVEL; expected Actions, Action_Interactions or Users");
  }

  @Test
  void action_interactions_test_only_their_three_event_types() {
    assertError("EXCLUDE ActionID WHERE Action_Interactions.ACTION_ID IN (\"a\")", "Action_Interactions.",
        "Action_Interactions conditions can only test EVENT_TYPE, got Action_Interactions.ACTION_ID");
    assertError("EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"Taken\", \"Clicked\")", "\"Clicked\"",
        "Action_Interactions.EVENT_TYPE is Taken, Not Taken or Viewed (any case, with or without a blank or underscore), got '\"Clicked\"'");
    assertError("EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE > 3", "> 3",
        "Action_Interactions.EVENT_TYPE can only be tested with IN, NOT IN or =, got >");
    assertError("EXCLUDE ActionID WHERE Actions.CATEGORY IN (\"*\")", "\"*\"",
        "\"*\" (any event type) can only be used with Interactions.EVENT_TYPE or Action_Interactions.EVENT_TYPE, got Actions.CATEGORY");
  }

  @Test
  void a_pipe_must_be_followed_by_an_expression() {
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\") |", END,
        "expected INCLUDE or EXCLUDE after |, got the end of the expression");
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\") | WHERE Items.B IN (\"y\")", "WHERE Items.B",
        "expected INCLUDE or EXCLUDE after |, got 'WHERE'");
  }

  @Test
  void a_where_without_a_condition_is_rejected() {
    assertError("INCLUDE ItemID WHERE", END,
        "expected a field such as Items.GENRE after WHERE, got the end of the expression");
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\") AND", END,
        "expected a field such as Items.GENRE after AND, got the end of the expression");
  }

  @Test
  void an_unclosed_list_is_rejected_at_the_end() {
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\"", END,
        "expected , or ) in the IN list, got the end of the expression");
    assertError("INCLUDE ItemID WHERE Items.A IN (\"x\" \"y\")", "\"y\"",
        "expected , or ) in the IN list, got '\"y\"'");
  }

  @Test
  void an_unquoted_word_in_a_list_is_told_to_use_quotes() {
    assertError("INCLUDE ItemID WHERE Items.GENRE IN (comedy)", "comedy",
        "expected a quoted value, a number or a $placeholder in the IN list, got 'comedy'; text values go in double quotes");
    assertError("INCLUDE ItemID WHERE Items.GENRE IN (\"a\",)", ")",
        "expected a quoted value, a number or a $placeholder in the IN list, got ')'");
  }

  @Test
  void an_unknown_dataset_is_named() {
    assertError("INCLUDE ItemID WHERE Item.GENRE IN (\"x\")", "Item.GENRE",
        "unknown dataset 'Item' in Item.GENRE; expected Items, Interactions or Users");
  }

  @Test
  void a_field_without_its_dataset_gets_a_hint() {
    assertError("INCLUDE ItemID WHERE GENRE IN (\"x\")", "GENRE",
        "expected a field such as Items.GENRE after WHERE, got 'GENRE'; name the dataset too, as in Items.GENRE");
  }

  @Test
  void a_dataset_without_a_field_is_rejected() {
    assertError("INCLUDE ItemID WHERE Items. IN (\"x\")", " IN",
        "expected a field name after 'Items.', got ' '");
  }

  @Test
  void grouping_parentheses_are_not_part_of_the_language() {
    assertError("INCLUDE ItemID WHERE (Items.A IN (\"x\") OR Items.B IN (\"y\"))", "(Items",
        "expected a field such as Items.GENRE after WHERE, got '('; conditions cannot be grouped with parentheses");
  }

  @Test
  void not_equal_operators_point_to_not_in() {
    assertError("INCLUDE ItemID WHERE Items.A != \"x\"", "!=",
        "unknown operator '!='; filters have =, <, <=, > and >=, and NOT IN for not-equal");
    assertError("INCLUDE ItemID WHERE Items.A <> \"x\"", "<>",
        "unknown operator '<>'; filters have =, <, <=, > and >=, and NOT IN for not-equal");
  }

  @Test
  void not_must_be_followed_by_in() {
    assertError("INCLUDE ItemID WHERE Items.A NOT (\"x\")", "(",
        "expected IN after NOT, got '('");
  }

  @Test
  void a_range_comparison_with_text_is_rejected() {
    assertError("INCLUDE ItemID WHERE Items.PRICE < \"cheap\"", "\"cheap\"",
        "< compares numbers, got '\"cheap\"'");
  }

  @Test
  void a_comparison_without_an_operand_is_rejected() {
    assertError("INCLUDE ItemID WHERE Items.PRICE <", END,
        "expected a number, a quoted value, a $placeholder or CurrentItem.<field> after <, got the end of the expression");
    assertError("INCLUDE ItemID WHERE Items.PRICE < (5", END,
        "expected ) after 5, got the end of the expression");
  }

  @Test
  void in_needs_a_list_or_a_current_item_field() {
    assertError("INCLUDE ItemID WHERE Items.GENRE IN \"x\"", "\"x\"",
        "expected ( or CurrentItem.<field> after IN, got '\"x\"'");
    assertError("INCLUDE ItemID WHERE Items.GENRE NOT IN CurrentItem.GENRE", "CurrentItem",
        "expected ( after NOT IN, got 'CurrentItem.GENRE'");
  }

  @Test
  void a_dollar_needs_a_name() {
    assertError("INCLUDE ItemID WHERE Items.GENRE IN ($)", ")",
        "expected a placeholder name after $, got ')'");
  }

  @Test
  void stray_characters_are_named_with_a_hint() {
    assertError("INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (*)", "*",
        "unexpected character '*'; the wildcard is written \"*\" in double quotes");
    assertError("INCLUDE ItemID WHERE Items.GENRE IN ('x')", "'",
        "unexpected character '''; strings go in straight double quotes (\")");
    assertError("INCLUDE ItemID WHERE Items.GENRE IN (\"x\") && Items.A IN (\"y\")", "&",
        "unexpected character '&'; join conditions with AND");
  }

  @Test
  void a_malformed_number_is_rejected() {
    assertError("INCLUDE ItemID WHERE Items.PRICE < 12abc", "12abc",
        "'12abc' is not a number; text values go in double quotes");
  }

  @Test
  void an_expression_longer_than_the_limit_is_rejected_at_the_first_character_too_many() {
    String text = "INCLUDE ItemID WHERE Items.GENRE IN (\"" + "x".repeat(2500) + "\")";
    assertThatThrownBy(() -> FilterExpression.parse(text))
        .hasMessage("Invalid filter expression at character 2501: the expression has " + text.length()
            + " characters, at most 2500 are allowed");

    assertThat(FilterExpression.parse(text, new FilterLimits(5, 3000)).expressions()).hasSize(1);
  }
}
