package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.FieldType;
import io.tastemaker.core.schema.SchemaField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {

  private static final DatasetSchema ITEMS = new DatasetSchema("Items", List.of(
      SchemaField.of("ITEM_ID", FieldType.STRING),
      new SchemaField("GENRES", FieldType.STRING, false, true, false),
      SchemaField.of("CREATION_TIMESTAMP", FieldType.LONG)));
  private static final DatasetSchema RICH_ITEMS = new DatasetSchema("Items", List.of(
      SchemaField.of("ITEM_ID", FieldType.STRING),
      new SchemaField("GENRES", FieldType.STRING, false, true, false),
      new SchemaField("PRICE", FieldType.FLOAT, true, false, false),
      new SchemaField("DESCRIPTION", FieldType.STRING, true, false, true),
      SchemaField.of("ON_SALE", FieldType.BOOLEAN)));
  private static final DatasetSchema USERS = new DatasetSchema("Users", List.of(
      SchemaField.of("USER_ID", FieldType.STRING),
      SchemaField.of("AGE", FieldType.INT),
      new SchemaField("TIER", FieldType.STRING, false, true, false)));
  private static final DatasetSchema INTERACTIONS = new DatasetSchema("Interactions", List.of(
      SchemaField.of("USER_ID", FieldType.STRING),
      SchemaField.of("ITEM_ID", FieldType.STRING),
      SchemaField.of("TIMESTAMP", FieldType.LONG)));
  private static final Map<String, DatasetSchema> GROUP = Map.of("Items", RICH_ITEMS, "Users", USERS, "Interactions", INTERACTIONS);

  private static void check(String text, Map<String, DatasetSchema> schemas) {
    FilterExpression.parse(text).checkAgainst(schemas);
  }

  @Test
  void a_filter_using_existing_fields_passes() {
    assertThatCode(() -> check(
        "INCLUDE ItemID WHERE Items.GENRES IN ($G) AND Items.PRICE < CurrentItem.PRICE IF CurrentUser.AGE > 18"
            + " | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")", GROUP))
        .doesNotThrowAnyException();
  }

  @Test
  void fields_and_the_event_type_match_ignoring_case() {
    assertThatCode(() -> check(
        "INCLUDE ItemID WHERE Items.genres IN ($G) AND Items.price < CurrentItem.Price IF CurrentUser.age > 18"
            + " | EXCLUDE ItemID WHERE Interactions.event_type IN (\"*\")", GROUP))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.genres < 3", GROUP)).hasMessageContaining("needs a numeric field");
  }

  @Test
  void an_unknown_field_is_named_with_the_dataset_fields_in_alphabetical_order() {
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.COLOR IN (\"red\")", Map.of("Items", ITEMS)))
        .isInstanceOf(FilterSchemaException.class)
        .hasMessage("Items.COLOR is not a field of the Items dataset (its fields: CREATION_TIMESTAMP, GENRES, ITEM_ID)");
  }

  @Test
  void unknown_current_user_and_current_item_fields_are_named_as_written() {
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.GENRES IN (\"x\") IF CurrentUser.GENDER = \"f\"", GROUP))
        .hasMessage("CurrentUser.GENDER is not a field of the Users dataset (its fields: AGE, TIER, USER_ID)");
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.GENRES IN CurrentItem.STYLE", GROUP))
        .hasMessage("CurrentItem.STYLE is not a field of the Items dataset"
            + " (its fields: DESCRIPTION, GENRES, ITEM_ID, ON_SALE, PRICE)");
  }

  @Test
  void a_range_comparison_needs_a_numeric_field() {
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.GENRES < 5", GROUP))
        .isInstanceOf(FilterSchemaException.class)
        .hasMessage("< needs a numeric field (int, long, float or double), but Items.GENRES is a string field (Items.GENRES < (5))");
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.PRICE >= CurrentItem.GENRES", GROUP))
        .hasMessage(">= needs a numeric field (int, long, float or double), but CurrentItem.GENRES is a string field (Items.PRICE >= CurrentItem.GENRES)");
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.GENRES IN (\"x\") IF CurrentUser.TIER > 2", GROUP))
        .hasMessage("> needs a numeric field (int, long, float or double), but CurrentUser.TIER is a string field (CurrentUser.TIER > (2))");
  }

  @Test
  void equality_and_in_work_on_numeric_fields_too() {
    assertThatCode(() -> check("INCLUDE ItemID WHERE Items.PRICE IN (1, 2) OR Items.PRICE = 3", GROUP))
        .doesNotThrowAnyException();
  }

  @Test
  void textual_and_boolean_fields_cannot_be_filtered_on() {
    assertThatThrownBy(() -> check("EXCLUDE ItemID WHERE Items.DESCRIPTION IN (\"boot\")", GROUP))
        .hasMessage("Items.DESCRIPTION is a textual field; filters cannot test textual fields");
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.ON_SALE IN (\"true\")", GROUP))
        .hasMessage("Items.ON_SALE is a boolean field; filters cannot test boolean fields"
            + " (store \"True\"/\"False\" strings or 0/1 numbers instead)");
  }

  @Test
  void event_type_needs_only_an_interactions_dataset() {
    assertThatCode(() -> check("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\")", Map.of("Interactions", INTERACTIONS)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> check("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\")", Map.of("Items", ITEMS)))
        .isInstanceOf(FilterSchemaException.class)
        .hasMessage("The filter uses Interactions.EVENT_TYPE but the dataset group has no Interactions dataset");
  }

  @Test
  void a_missing_dataset_is_named() {
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.GENRES IN (\"x\") IF CurrentUser.AGE > 3", Map.of("Items", ITEMS)))
        .hasMessage("The filter uses CurrentUser.AGE but the dataset group has no Users dataset");
  }

  @Test
  void a_numeric_field_compared_with_a_string_is_refused_naming_the_field_and_the_value() {
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.PRICE IN (\"cheap\")", GROUP))
        .isInstanceOf(FilterSchemaException.class)
        .hasMessage("Items.PRICE is a float field; it compares with numbers, got \"cheap\" (Items.PRICE IN (\"cheap\"))");
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.GENRES IN (\"x\") IF CurrentUser.AGE = \"old\"", GROUP))
        .hasMessage("CurrentUser.AGE is a int field; it compares with numbers, got \"old\" (CurrentUser.AGE = (\"old\"))");
    assertThatThrownBy(() -> check("EXCLUDE ItemID WHERE Items.PRICE NOT IN (1, \"2x\")", GROUP))
        .hasMessageContaining("got \"2x\"");
  }

  @Test
  void a_number_in_quotes_is_a_number_as_in_filter_values() {
    assertThatCode(() -> check("INCLUDE ItemID WHERE Items.PRICE IN (\"10\", 2.5) IF CurrentUser.AGE = \"18\"", GROUP))
        .doesNotThrowAnyException();
  }

  @Test
  void a_numeric_field_and_a_string_field_cannot_be_compared() {
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.PRICE IN CurrentItem.GENRES", GROUP))
        .isInstanceOf(FilterSchemaException.class)
        .hasMessage("Items.PRICE is a float field and CurrentItem.GENRES a string field;"
            + " a condition compares numbers with numbers and strings with strings");
    assertThatThrownBy(() -> check("INCLUDE ItemID WHERE Items.GENRES = CurrentItem.PRICE", GROUP))
        .hasMessageContaining("Items.GENRES is a string field and CurrentItem.PRICE a float field");
  }

  @Test
  void a_string_field_takes_numbers_as_text() {
    assertThatCode(() -> check("INCLUDE ItemID WHERE Items.GENRES IN (7)", GROUP)).doesNotThrowAnyException();
  }
}
