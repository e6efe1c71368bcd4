package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.FieldType;
import io.tastemaker.core.schema.SchemaField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ActionID filters on a hand-built set of actions:
 *
 * <pre>
 * a0  VALUE 5    CATEGORY loyalty   MEMBERSHIP_LEVEL Premium
 * a1  VALUE 20   CATEGORY app
 * a2  VALUE 12   CATEGORY loyalty
 * a3  (no record)
 * </pre>
 *
 * The user took a0, declined a1 (stored as "Not Taken") and was shown a2.
 */
class ActionFilterTest {
  private static final List<String> ACTIONS = List.of("a0", "a1", "a2", "a3");
  private static final AttributeTable RECORDS = AttributeTable.empty("ACTION_ID").withRecords(List.of(
      Map.of("ACTION_ID", "a0", "VALUE", 5, "CATEGORY", "loyalty", "MEMBERSHIP_LEVEL", "Premium"),
      Map.of("ACTION_ID", "a1", "VALUE", 20, "CATEGORY", "app"),
      Map.of("ACTION_ID", "a2", "VALUE", 12, "CATEGORY", "loyalty")));
  private static final UserInteractions HISTORY = UserInteractions.builder().add("Taken", 0).add("Not Taken", 1).add("Viewed", 2).build();
  private static final FilterRequest REQUEST = FilterRequest.of(RECORDS).withInteractions(HISTORY);

  private static List<String> allowed(String filter, FilterRequest request) {
    FilterMask mask = CompiledFilter.compileForActions(FilterExpression.parse(filter), ACTIONS).mask(request);
    List<String> ids = new ArrayList<>();
    for (int a = 0; a < ACTIONS.size(); a++) {
      if (mask.allows(a)) {
        ids.add(ACTIONS.get(a));
      }
    }
    return ids;
  }

  private static List<String> allowed(String filter) {
    return allowed(filter, REQUEST);
  }

  @Test
  void actions_conditions_test_the_action_records() {
    assertThat(allowed("EXCLUDE ActionId WHERE Actions.VALUE > 10")).containsExactly("a0", "a3");
    assertThat(allowed("INCLUDE ActionID WHERE Actions.CATEGORY IN ($CATS)", REQUEST.withFilterValues(Map.of("CATS", "\"app\",\"none\""))))
        .containsExactly("a1");
  }

  @Test
  void action_interactions_select_the_actions_the_user_interacted_with_by_event_type_in_any_spelling() {
    assertThat(allowed("INCLUDE ActionId WHERE Action_Interactions.EVENT_TYPE IN (\"Taken\")")).containsExactly("a0");
    assertThat(allowed("EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"NOT_TAKEN\")")).containsExactly("a0", "a2", "a3");
    assertThat(allowed("INCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN ($EVENT_TYPE)",
        REQUEST.withFilterValues(Map.of("EVENT_TYPE", "\"viewed\",\"not taken\"")))).containsExactly("a1", "a2");
    assertThat(allowed("EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"*\")")).containsExactly("a3");
  }

  @Test
  void the_if_clause_tests_the_requesting_user() {
    String premiumOnly = "INCLUDE ActionID WHERE Actions.MEMBERSHIP_LEVEL IN (\"Premium\") IF CurrentUser.MEMBERSHIP = $PREMIUM";
    FilterRequest premium = REQUEST.withFilterValues(Map.of("PREMIUM", "\"Premium\""))
        .withCurrentUser(AttributeRecord.of("USER_ID", Map.of("USER_ID", "u", "MEMBERSHIP", "Premium")));
    assertThat(allowed(premiumOnly, premium)).containsExactly("a0");
    FilterRequest basic = premium.withCurrentUser(AttributeRecord.of("USER_ID", Map.of("USER_ID", "u", "MEMBERSHIP", "Basic")));
    assertThat(allowed(premiumOnly, basic)).containsExactly("a0", "a1", "a2", "a3");
  }

  @Test
  void an_event_type_value_that_names_no_action_event_type_is_refused() {
    assertThatThrownBy(() -> allowed("INCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN ($T)", REQUEST.withFilterValues(Map.of("T", "\"Clicked\""))))
        .isInstanceOf(FilterValueException.class)
        .hasMessage("filterValues T holds \"Clicked\", but Action_Interactions.EVENT_TYPE is Taken, Not Taken or Viewed");
  }

  @Test
  void item_and_action_filters_do_not_cross() {
    FilterExpression actions = FilterExpression.parse("EXCLUDE ActionID WHERE Actions.VALUE > 10");
    assertThatThrownBy(() -> CompiledFilter.compile(actions, ACTIONS))
        .hasMessage("A ActionID filter selects actions and cannot filter items: EXCLUDE ActionID WHERE Actions.VALUE > 10");
    FilterExpression items = FilterExpression.parse("EXCLUDE ItemID WHERE Items.PRICE > 10");
    assertThatThrownBy(() -> CompiledFilter.compileForActions(items, ACTIONS))
        .hasMessage("A ItemID filter selects items and cannot filter actions: EXCLUDE ItemID WHERE Items.PRICE > 10");
  }

  @Test
  void the_schema_check_reads_the_actions_schemas() {
    DatasetSchema actions = new DatasetSchema("Actions", List.of(
        SchemaField.of("ACTION_ID", FieldType.STRING), SchemaField.of("VALUE", FieldType.FLOAT),
        new SchemaField("CATEGORY", FieldType.STRING, false, true, false)));
    FilterExpression.parse("EXCLUDE ActionID WHERE Actions.VALUE > 10 | EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"Taken\")")
        .checkAgainst(Map.of("Actions", actions, "Action_Interactions", actions));
    assertThatThrownBy(() -> FilterExpression.parse("EXCLUDE ActionID WHERE Actions.COLOR IN (\"red\")").checkAgainst(Map.of("Actions", actions)))
        .isInstanceOf(FilterSchemaException.class)
        .hasMessage("Actions.COLOR is not a field of the Actions dataset (its fields: ACTION_ID, CATEGORY, VALUE)");
    assertThatThrownBy(() -> FilterExpression.parse("EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"Taken\")").checkAgainst(Map.of("Actions", actions)))
        .isInstanceOf(FilterSchemaException.class)
        .hasMessage("The filter uses Action_Interactions.EVENT_TYPE but the dataset group has no Action_Interactions dataset");
  }
}
