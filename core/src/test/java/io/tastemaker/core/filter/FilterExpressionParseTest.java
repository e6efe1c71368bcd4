package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.schema.DatasetType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterExpressionParseTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($EVENT_TYPE)",
      "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\", \"stream\")",
      "INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")",
      "EXCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY)",
      "EXCLUDE ItemID WHERE Items.CATEGORY IN (\"shoe\") AND Items.DESCRIPTION NOT IN (\"boot\")",
      "INCLUDE ItemID WHERE Items.PRICE <= $PRICE",
      "INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP < $DATE",
      "INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)",
      "EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE) IF CurrentUser.AGE = $AGE",
      "INCLUDE ItemID WHERE Items.CATEGORY IN (\"watch\") AND Items.DESCRIPTION IN (\"luxury\") IF CurrentUser.AGE > 18",
      "INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.GENRE IN CurrentItem.GENRE",
      "INCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY) | INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"favorite\")",
      "INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\", \"stream\")",
      "INCLUDE UserID WHERE Users.MEMBERSHIP_STATUS IN ($MEMBERSHIP)",
      "EXCLUDE UserID WHERE Users.AGE < $AGE",
      "INCLUDE UserID WHERE Interactions.EVENT_TYPE IN (\"click\", \"rating\")",
  })
  void every_documented_example_parses(String text) {
    FilterExpression filter = FilterExpression.parse(text);

    assertThat(filter.text()).isEqualTo(text);
    assertThat(filter.expressions()).hasSize(text.split("\\|").length);
  }

  @Test
  void a_condition_records_field_operator_operand_and_position() {
    FilterExpression filter = FilterExpression.parse("EXCLUDE ItemID WHERE Items.CATEGORY IN (\"shoe\", 42)");

    Expression e = filter.expressions().get(0);
    assertThat(e.action()).isEqualTo(Action.EXCLUDE);
    assertThat(e.target()).isEqualTo(Target.ITEM_ID);
    assertThat(e.dataset()).isEqualTo(DatasetType.ITEMS);
    assertThat(e.ifClause()).isEmpty();
    assertThat(e.where()).isEqualTo(new Condition(
        new FieldRef(Source.ITEMS, "CATEGORY"), Operator.IN,
        new Values(List.of(new Literal("shoe", true), new Literal("42", false))), 22));
  }

  @Test
  void and_binds_tighter_than_or() {
    FilterExpression filter = FilterExpression.parse(
        "INCLUDE ItemID WHERE Items.A IN (\"1\") OR Items.B IN (\"2\") AND Items.C IN (\"3\")");

    Predicate where = filter.expressions().get(0).where();
    assertThat(where).isInstanceOf(Or.class);
    List<Predicate> anyOf = ((Or) where).operands();
    assertThat(anyOf.get(0)).isInstanceOf(Condition.class);
    assertThat(anyOf.get(1)).isInstanceOf(And.class);
    assertThat(where.conditions()).extracting(c -> c.field().name()).containsExactly("A", "B", "C");
  }

  @Test
  void keywords_and_dataset_prefixes_are_accepted_in_any_case() {
    FilterExpression lower = FilterExpression.parse(
        "include itemid where items.GENRE not in (\"x\") or items.PRICE > 3 if currentuser.AGE in (\"9\")");
    FilterExpression upper = FilterExpression.parse(
        "INCLUDE ItemID WHERE Items.GENRE NOT IN (\"x\") OR Items.PRICE > 3 IF CurrentUser.AGE IN (\"9\")");

    assertThat(lower).isEqualTo(upper);
  }

  @Test
  void field_and_placeholder_names_keep_their_case() {
    FilterExpression filter = FilterExpression.parse("INCLUDE ItemID WHERE Items.genre IN ($Genre)");

    assertThat(filter.fields()).containsExactly(new DatasetField(DatasetType.ITEMS, "genre"));
    assertThat(filter.placeholders()).containsExactly("Genre");
  }

  @Test
  void placeholders_are_listed_once_in_order_of_appearance() {
    FilterExpression filter = FilterExpression.parse(
        "EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE) IF CurrentUser.AGE = $AGE"
            + " | INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) AND Items.PRICE < $PRICE");

    assertThat(filter.placeholders()).containsExactly("GENRE", "AGE", "PRICE");
  }

  @Test
  void fields_name_the_dataset_fields_including_current_user_and_current_item_ones() {
    FilterExpression filter = FilterExpression.parse(
        "INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.GENRE IN CurrentItem.STYLE"
            + " IF CurrentUser.AGE > 18 | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\")");

    assertThat(filter.fields()).extracting(DatasetField::toString)
        .containsExactly("Items.PRICE", "Items.GENRE", "Items.STYLE", "Users.AGE", "Interactions.EVENT_TYPE");
  }

  @Test
  void a_current_item_operand_is_a_field_reference() {
    FilterExpression filter = FilterExpression.parse("INCLUDE ItemID WHERE Items.GENRE IN CurrentItem.GENRE");

    Condition c = (Condition) filter.expressions().get(0).where();
    assertThat(c.operand()).isEqualTo(new FieldRef(Source.CURRENT_ITEM, "GENRE"));
  }

  @Test
  void a_comparison_operand_may_be_parenthesised() {
    FilterExpression filter = FilterExpression.parse("INCLUDE ItemID WHERE Items.PRICE > ($PRICE) AND Items.AGE <= ((-1.5e2))");

    List<Condition> conditions = filter.expressions().get(0).where().conditions();
    assertThat(conditions.get(0).operand()).isEqualTo(new Placeholder("PRICE"));
    assertThat(conditions.get(1).operand()).isEqualTo(new Values(List.of(new Literal("-1.5e2", false))));
    assertThat(new Literal("-1.5e2", false).number()).hasValue(-150.0);
  }

  @Test
  void a_range_comparison_accepts_a_number_in_quotes() {
    FilterExpression filter = FilterExpression.parse("INCLUDE ItemID WHERE Items.PRICE <= \"20\"");

    Condition c = (Condition) filter.expressions().get(0).where();
    assertThat(c.operand()).isEqualTo(new Values(List.of(new Literal("20", true))));
  }

  @Test
  void a_quoted_star_with_event_type_is_the_wildcard() {
    FilterExpression filter = FilterExpression.parse("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\")");

    assertThat(((Condition) filter.expressions().get(0).where()).operand()).isEqualTo(new Wildcard());
  }

  @Test
  void the_if_clause_holds_current_user_conditions_joined_by_and() {
    FilterExpression filter = FilterExpression.parse(
        "INCLUDE ItemID WHERE Items.A IN (\"x\") IF CurrentUser.AGE >= 18 AND CurrentUser.TIER IN (\"gold\", \"silver\")");

    List<Condition> ifClause = filter.expressions().get(0).ifClause();
    assertThat(ifClause).extracting(Condition::toString)
        .containsExactly("CurrentUser.AGE >= (18)", "CurrentUser.TIER IN (\"gold\", \"silver\")");
  }

  @Test
  void a_condition_prints_as_filter_syntax_that_parses_back_to_it() {
    String text = "INCLUDE ItemID WHERE Items.A IN (\"x\", 2) OR Items.B NOT IN (\"y\") AND Items.C IN ($C)"
        + " AND Items.D <= ($D) AND Items.E > 5 AND Items.F IN CurrentItem.F"
        + " | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\") OR Interactions.EVENT_TYPE = \"click\"";
    FilterExpression filter = FilterExpression.parse(text, new FilterLimits(10, 2500));

    for (Expression e : filter.expressions()) {
      for (Condition c : e.where().conditions()) {
        String printed = c.toString();
        Condition reparsed = (Condition) FilterExpression.parse("INCLUDE ItemID WHERE " + printed).expressions().get(0).where();
        assertThat(reparsed).isEqualTo(new Condition(c.field(), c.operator(), c.operand(), 22));
      }
    }
  }

  @Test
  void a_user_id_filter_reports_its_target() {
    assertThat(FilterExpression.parse("EXCLUDE UserID WHERE Users.AGE < $AGE").target()).isEqualTo(Target.USER_ID);
    assertThat(FilterExpression.parse("EXCLUDE ItemID WHERE Items.AGE < $AGE").target()).isEqualTo(Target.ITEM_ID);
  }

  @Test
  void whitespace_between_tokens_is_free() {
    FilterExpression spaced = FilterExpression.parse("  INCLUDE\tItemID\nWHERE Items.A IN( \"x\" ,\"y\" )|EXCLUDE ItemID WHERE Items.B>=2 ");
    FilterExpression tight = FilterExpression.parse("INCLUDE ItemID WHERE Items.A IN (\"x\", \"y\") | EXCLUDE ItemID WHERE Items.B >= 2");

    assertThat(spaced.expressions()).hasSize(2);
    assertThat(spaced.expressions().get(1).where().conditions().get(0).operand())
        .isEqualTo(tight.expressions().get(1).where().conditions().get(0).operand());
  }
}
