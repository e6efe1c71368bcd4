package io.tastemaker.core.schema;

import static io.tastemaker.core.schema.DatasetType.INTERACTIONS;
import static io.tastemaker.core.schema.DatasetType.ITEMS;
import static io.tastemaker.core.schema.DatasetType.USERS;
import static io.tastemaker.core.schema.FieldType.BOOLEAN;
import static io.tastemaker.core.schema.FieldType.DOUBLE;
import static io.tastemaker.core.schema.FieldType.FLOAT;
import static io.tastemaker.core.schema.FieldType.INT;
import static io.tastemaker.core.schema.FieldType.LONG;
import static io.tastemaker.core.schema.FieldType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class DatasetSchemaRulesTest {

  private static final SchemaField USER_ID = SchemaField.of("USER_ID", STRING);
  private static final SchemaField ITEM_ID = SchemaField.of("ITEM_ID", STRING);
  private static final SchemaField TIMESTAMP = SchemaField.of("TIMESTAMP", LONG);
  private static final SchemaField CREATION_TIMESTAMP = SchemaField.of("CREATION_TIMESTAMP", LONG);

  // --- the developer guide's examples

  @Test
  void the_interactions_example_fits_interactions() {
    assertFits(AvroSchemaParser.parse(SchemaExamples.INTERACTIONS), INTERACTIONS);
  }

  @Test
  void the_items_example_fits_items() {
    assertFits(AvroSchemaParser.parse(SchemaExamples.ITEMS), ITEMS);
  }

  @Test
  void the_users_example_fits_users() {
    assertFits(AvroSchemaParser.parse(SchemaExamples.USERS), USERS);
  }

  @Test
  void each_example_fits_no_other_type() {
    DatasetSchema interactions = AvroSchemaParser.parse(SchemaExamples.INTERACTIONS);
    DatasetSchema items = AvroSchemaParser.parse(SchemaExamples.ITEMS);
    DatasetSchema users = AvroSchemaParser.parse(SchemaExamples.USERS);

    assertRejected(interactions, USERS).hasMessageContaining("Users schema field ITEM_ID");
    assertRejected(interactions, ITEMS).hasMessageContaining("Items schema field USER_ID");
    assertRejected(items, INTERACTIONS).hasMessageContaining("requires field USER_ID");
    assertRejected(items, USERS).hasMessageContaining("requires field USER_ID");
    assertRejected(users, INTERACTIONS).hasMessageContaining("requires field ITEM_ID");
    assertRejected(users, ITEMS).hasMessageContaining("requires field ITEM_ID");
  }

  // --- Interactions

  @Test
  void interactions_need_only_user_item_and_timestamp() {
    assertFits(schema(USER_ID, ITEM_ID, TIMESTAMP), INTERACTIONS);
  }

  @Test
  void interactions_fields_may_come_in_any_order() {
    assertFits(schema(TIMESTAMP, ITEM_ID, USER_ID), INTERACTIONS);
  }

  @Test
  void every_reserved_interactions_field_fits_with_its_prescribed_type() {
    DatasetSchema schema =
        interactions(
            SchemaField.of("EVENT_TYPE", STRING),
            nullable("EVENT_VALUE", DOUBLE),
            nullable("IMPRESSION", STRING),
            nullable("RECOMMENDATION_ID", STRING),
            nullable("EVENT_ATTRIBUTION_SOURCE", STRING));

    assertFits(schema, INTERACTIONS);
  }

  @Test
  void event_value_may_be_a_plain_float() {
    assertFits(interactions(SchemaField.of("EVENT_VALUE", FLOAT)), INTERACTIONS);
  }

  @Test
  void reserved_fields_do_not_count_as_contextual_metadata() {
    DatasetSchema schema =
        interactions(
            SchemaField.of("EVENT_TYPE", STRING),
            nullable("EVENT_VALUE", FLOAT),
            nullable("IMPRESSION", STRING),
            nullable("RECOMMENDATION_ID", STRING),
            nullable("EVENT_ATTRIBUTION_SOURCE", STRING),
            categorical("DEVICE"),
            categorical("LOCATION"),
            SchemaField.of("PRICE", DOUBLE),
            nullable("QUANTITY", INT),
            SchemaField.of("DWELL_MILLIS", LONG));

    assertFits(schema, INTERACTIONS);
  }

  @Test
  void interactions_require_user_id() {
    assertRejected(schema(ITEM_ID, TIMESTAMP), INTERACTIONS)
        .hasMessage("Interactions schema requires field USER_ID of type string, but it is missing");
  }

  @Test
  void interactions_require_item_id() {
    assertRejected(schema(USER_ID, TIMESTAMP), INTERACTIONS)
        .hasMessage("Interactions schema requires field ITEM_ID of type string, but it is missing");
  }

  @Test
  void interactions_require_timestamp() {
    assertRejected(schema(USER_ID, ITEM_ID), INTERACTIONS)
        .hasMessage("Interactions schema requires field TIMESTAMP of type long, but it is missing");
  }

  @Test
  void reserved_names_are_matched_exactly_so_user_id_in_lower_case_is_not_user_id() {
    assertRejected(schema(SchemaField.of("user_id", STRING), ITEM_ID, TIMESTAMP), INTERACTIONS)
        .hasMessageContaining("requires field USER_ID");
  }

  @Test
  void timestamp_must_be_a_long() {
    assertRejected(schema(USER_ID, ITEM_ID, SchemaField.of("TIMESTAMP", STRING)), INTERACTIONS)
        .hasMessage("Interactions schema requires field TIMESTAMP of type long, got string");
    assertRejected(schema(USER_ID, ITEM_ID, SchemaField.of("TIMESTAMP", INT)), INTERACTIONS)
        .hasMessage("Interactions schema requires field TIMESTAMP of type long, got int");
  }

  @Test
  void user_id_and_item_id_must_be_strings() {
    assertRejected(schema(SchemaField.of("USER_ID", INT), ITEM_ID, TIMESTAMP), INTERACTIONS)
        .hasMessage("Interactions schema requires field USER_ID of type string, got int");
    assertRejected(schema(USER_ID, SchemaField.of("ITEM_ID", LONG), TIMESTAMP), INTERACTIONS)
        .hasMessage("Interactions schema requires field ITEM_ID of type string, got long");
  }

  @Test
  void required_interactions_fields_must_not_be_nullable() {
    assertRejected(schema(nullable("USER_ID", STRING), ITEM_ID, TIMESTAMP), INTERACTIONS)
        .hasMessageContaining("Interactions schema field USER_ID must not be nullable");
    assertRejected(schema(USER_ID, nullable("ITEM_ID", STRING), TIMESTAMP), INTERACTIONS)
        .hasMessageContaining("Interactions schema field ITEM_ID must not be nullable");
    assertRejected(schema(USER_ID, ITEM_ID, nullable("TIMESTAMP", LONG)), INTERACTIONS)
        .hasMessageContaining("Interactions schema field TIMESTAMP must not be nullable");
  }

  @Test
  void event_type_must_not_be_categorical() {
    assertRejected(interactions(categorical("EVENT_TYPE")), INTERACTIONS)
        .hasMessage("Interactions schema field EVENT_TYPE must not be categorical");
  }

  @Test
  void event_type_must_be_a_string() {
    assertRejected(interactions(SchemaField.of("EVENT_TYPE", INT)), INTERACTIONS)
        .hasMessage("Interactions schema field EVENT_TYPE must be of type string, got int");
  }

  @Test
  void event_value_must_be_a_float_or_a_double() {
    assertRejected(interactions(nullable("EVENT_VALUE", INT)), INTERACTIONS)
        .hasMessage(
            "Interactions schema field EVENT_VALUE must be of type float or double, got int");
    assertRejected(interactions(SchemaField.of("EVENT_VALUE", STRING)), INTERACTIONS)
        .hasMessage(
            "Interactions schema field EVENT_VALUE must be of type float or double, got string");
  }

  @Test
  void impression_recommendation_id_and_attribution_source_must_be_strings() {
    assertRejected(interactions(SchemaField.of("IMPRESSION", LONG)), INTERACTIONS)
        .hasMessage("Interactions schema field IMPRESSION must be of type string, got long");
    assertRejected(interactions(SchemaField.of("RECOMMENDATION_ID", INT)), INTERACTIONS)
        .hasMessage("Interactions schema field RECOMMENDATION_ID must be of type string, got int");
    assertRejected(interactions(SchemaField.of("EVENT_ATTRIBUTION_SOURCE", BOOLEAN)), INTERACTIONS)
        .hasMessage(
            "Interactions schema field EVENT_ATTRIBUTION_SOURCE must be of type string,"
                + " got boolean");
  }

  @Test
  void reserved_strings_must_be_plain() {
    assertRejected(interactions(categorical("IMPRESSION")), INTERACTIONS)
        .hasMessage("Interactions schema field IMPRESSION must not be categorical");
    assertRejected(schema(categorical("USER_ID"), ITEM_ID, TIMESTAMP), INTERACTIONS)
        .hasMessage("Interactions schema field USER_ID must not be categorical");
    assertRejected(schema(textual("ITEM_ID"), categorical("GENRES")), ITEMS)
        .hasMessage("Items schema field ITEM_ID must not be textual");
  }

  @Test
  void interactions_allow_at_most_five_contextual_fields() {
    DatasetSchema schema =
        interactions(
            categorical("C1"),
            categorical("C2"),
            categorical("C3"),
            SchemaField.of("N4", INT),
            SchemaField.of("N5", FLOAT),
            categorical("C6"));

    assertRejected(schema, INTERACTIONS)
        .hasMessage(
            "Interactions schema allows at most 5 metadata fields, got 6: C1, C2, C3, N4, N5, C6");
  }

  @Test
  void plain_contextual_strings_and_booleans_are_accepted_as_personalize_accepts_them_unused() {
    assertFits(interactions(SchemaField.of("LOCATION", STRING)), INTERACTIONS);
    assertFits(interactions(SchemaField.of("ON_SALE", BOOLEAN)), INTERACTIONS);
    assertThat(DatasetSchemaRules.contextualFields(interactions(SchemaField.of("LOCATION", STRING)))).isEmpty();
  }

  @Test
  void interactions_cannot_have_textual_fields() {
    assertRejected(interactions(textual("REVIEW")), INTERACTIONS)
        .hasMessage(
            "Interactions schema field REVIEW is textual;"
                + " only Items schemas can have textual fields");
  }

  // --- Users

  @Test
  void users_metadata_may_be_categorical_numeric_or_boolean_and_nullable() {
    DatasetSchema schema =
        schema(
            USER_ID,
            categorical("GENDER"),
            SchemaField.of("AGE", INT),
            nullable("LIFETIME_VALUE", DOUBLE),
            nullable("IS_MEMBER", BOOLEAN),
            new SchemaField("TIER", STRING, true, true, false));

    assertFits(schema, USERS);
  }

  @Test
  void users_require_user_id() {
    assertRejected(schema(categorical("GENDER")), USERS)
        .hasMessage("Users schema requires field USER_ID of type string, but it is missing");
  }

  @Test
  void users_user_id_must_be_a_string_that_is_not_nullable() {
    assertRejected(schema(SchemaField.of("USER_ID", LONG), categorical("GENDER")), USERS)
        .hasMessage("Users schema requires field USER_ID of type string, got long");
    assertRejected(schema(nullable("USER_ID", STRING), categorical("GENDER")), USERS)
        .hasMessageContaining("Users schema field USER_ID must not be nullable");
  }

  @Test
  void users_need_at_least_one_metadata_field() {
    assertRejected(schema(USER_ID), USERS)
        .hasMessage("Users schema needs at least 1 metadata field besides USER_ID, got none");
  }

  @Test
  void users_allow_at_most_five_metadata_fields() {
    List<SchemaField> fields = new ArrayList<>(List.of(USER_ID));
    for (int i = 1; i <= 5; i++) {
      fields.add(SchemaField.of("N" + i, INT));
    }
    assertFits(new DatasetSchema("Users", fields), USERS);

    fields.add(SchemaField.of("N6", INT));
    assertRejected(new DatasetSchema("Users", fields), USERS)
        .hasMessage("Users schema allows at most 5 metadata fields, got 6: N1, N2, N3, N4, N5, N6");
  }

  @Test
  void plain_users_metadata_strings_are_accepted() {
    assertFits(schema(USER_ID, SchemaField.of("NAME", STRING)), USERS);
  }

  @Test
  void users_cannot_have_textual_fields() {
    assertRejected(schema(USER_ID, textual("BIO")), USERS)
        .hasMessage(
            "Users schema field BIO is textual; only Items schemas can have textual fields");
  }

  // --- Items

  @Test
  void items_metadata_may_be_categorical_textual_numeric_or_boolean() {
    DatasetSchema schema =
        schema(
            ITEM_ID,
            categorical("GENRES"),
            textual("DESCRIPTION"),
            nullable("PRICE", FLOAT),
            SchemaField.of("STOCK", LONG),
            SchemaField.of("AVAILABLE", BOOLEAN));

    assertFits(schema, ITEMS);
  }

  @Test
  void creation_timestamp_may_be_nullable() {
    assertFits(schema(ITEM_ID, nullable("CREATION_TIMESTAMP", LONG), categorical("GENRES")), ITEMS);
  }

  @Test
  void items_require_item_id() {
    assertRejected(schema(categorical("GENRES")), ITEMS)
        .hasMessage("Items schema requires field ITEM_ID of type string, but it is missing");
  }

  @Test
  void items_item_id_must_be_a_string_that_is_not_nullable() {
    assertRejected(schema(SchemaField.of("ITEM_ID", INT), categorical("GENRES")), ITEMS)
        .hasMessage("Items schema requires field ITEM_ID of type string, got int");
    assertRejected(schema(nullable("ITEM_ID", STRING), categorical("GENRES")), ITEMS)
        .hasMessageContaining("Items schema field ITEM_ID must not be nullable");
  }

  @Test
  void creation_timestamp_must_be_a_long() {
    DatasetSchema schema =
        schema(ITEM_ID, SchemaField.of("CREATION_TIMESTAMP", INT), categorical("GENRES"));

    assertRejected(schema, ITEMS)
        .hasMessage("Items schema field CREATION_TIMESTAMP must be of type long, got int");
  }

  @Test
  void items_need_at_least_one_metadata_field() {
    assertRejected(schema(ITEM_ID), ITEMS)
        .hasMessage(
            "Items schema needs at least 1 metadata field besides ITEM_ID and CREATION_TIMESTAMP,"
                + " got none");
  }

  @Test
  void creation_timestamp_is_not_a_metadata_field() {
    assertRejected(schema(ITEM_ID, CREATION_TIMESTAMP), ITEMS)
        .hasMessageContaining("needs at least 1 metadata field");
  }

  @Test
  void items_allow_at_most_fifty_metadata_fields() {
    List<SchemaField> fields = new ArrayList<>(List.of(ITEM_ID, CREATION_TIMESTAMP));
    for (int i = 1; i <= 50; i++) {
      fields.add(categorical("C" + i));
    }
    assertFits(new DatasetSchema("Items", fields), ITEMS);

    fields.add(categorical("C51"));
    assertRejected(new DatasetSchema("Items", fields), ITEMS)
        .hasMessageContaining("Items schema allows at most 50 metadata fields")
        .hasMessageContaining("got 51: C1, C2,");
  }

  @Test
  void plain_items_metadata_strings_are_accepted() {
    assertFits(schema(ITEM_ID, SchemaField.of("TITLE", STRING)), ITEMS);
  }

  // --- Actions and Action_Interactions (Next-Best-Action)

  private static final String ACTIONS_EXAMPLE =
      """
      {"type": "record", "name": "Actions", "namespace": "com.amazonaws.personalize.schema", "fields": [
        {"name": "ACTION_ID", "type": "string"},
        {"name": "VALUE", "type": ["null", "long"]},
        {"name": "MEMBERSHIP_LEVEL", "type": ["null", "string"], "categorical": true},
        {"name": "CREATION_TIMESTAMP", "type": ["null", "long"]},
        {"name": "EXPIRATION_TIMESTAMP", "type": ["null", "long"]},
        {"name": "REPEAT_FREQUENCY", "type": ["null", "int"]}
      ], "version": "1.0"}""";

  private static final String ACTION_INTERACTIONS_EXAMPLE =
      """
      {"type": "record", "name": "ActionInteractions", "namespace": "com.amazonaws.personalize.schema", "fields": [
        {"name": "USER_ID", "type": "string"},
        {"name": "ACTION_ID", "type": "string"},
        {"name": "EVENT_TYPE", "type": "string"},
        {"name": "TIMESTAMP", "type": "long"}
      ], "version": "1.0"}""";

  @Test
  void the_guides_actions_and_action_interactions_examples_fit_their_types() {
    assertFits(AvroSchemaParser.parse(ACTIONS_EXAMPLE), DatasetType.ACTIONS);
    assertFits(AvroSchemaParser.parse(ACTION_INTERACTIONS_EXAMPLE), DatasetType.ACTION_INTERACTIONS);
  }

  @Test
  void actions_need_an_action_id_and_a_metadata_field() {
    SchemaField actionId = SchemaField.of("ACTION_ID", STRING);
    assertRejected(schema(ITEM_ID, categorical("LEVEL")), DatasetType.ACTIONS).hasMessageContaining("Actions schema requires field ACTION_ID");
    assertRejected(schema(actionId), DatasetType.ACTIONS).hasMessageContaining("at least one field besides ACTION_ID");
    assertFits(schema(actionId, SchemaField.of("VALUE", LONG)), DatasetType.ACTIONS);
    assertFits(schema(actionId, SchemaField.of("VALUE", DOUBLE), nullable("PRICE", INT)), DatasetType.ACTIONS);
  }

  @Test
  void reserved_action_fields_need_their_types_and_actions_take_ten_columns_at_most() {
    SchemaField actionId = SchemaField.of("ACTION_ID", STRING);
    assertRejected(schema(actionId, categorical("LEVEL"), SchemaField.of("EXPIRATION_TIMESTAMP", STRING)), DatasetType.ACTIONS)
        .hasMessageContaining("field EXPIRATION_TIMESTAMP must be of type long, got string");
    assertRejected(schema(actionId, categorical("LEVEL"), SchemaField.of("REPEAT_FREQUENCY", DOUBLE)), DatasetType.ACTIONS)
        .hasMessageContaining("field REPEAT_FREQUENCY must be of type int or long");
    List<SchemaField> eleven = new ArrayList<>(List.of(actionId));
    for (int i = 0; i < 10; i++) {
      eleven.add(categorical("F" + i));
    }
    assertRejected(new DatasetSchema("Actions", eleven), DatasetType.ACTIONS).hasMessageContaining("at most 10 columns, got 11");
  }

  @Test
  void action_interactions_need_user_action_event_type_and_timestamp() {
    DatasetSchema withoutType = schema(USER_ID, SchemaField.of("ACTION_ID", STRING), TIMESTAMP);
    assertRejected(withoutType, DatasetType.ACTION_INTERACTIONS).hasMessageContaining("Action_Interactions schema requires field EVENT_TYPE of type string");
    assertRejected(interactions(), DatasetType.ACTION_INTERACTIONS).hasMessageContaining("requires field ACTION_ID");
    assertRejected(AvroSchemaParser.parse(ACTION_INTERACTIONS_EXAMPLE), INTERACTIONS).hasMessageContaining("Interactions schema requires field ITEM_ID");
    assertRejected(schema(ITEM_ID, SchemaField.of("ACTION_ID", STRING)), ITEMS).hasMessageContaining("ACTION_ID is the id of another dataset type");
  }

  // --- helpers

  private static SchemaField nullable(String name, FieldType type) {
    return new SchemaField(name, type, true, false, false);
  }

  private static SchemaField categorical(String name) {
    return new SchemaField(name, STRING, false, true, false);
  }

  private static SchemaField textual(String name) {
    return new SchemaField(name, STRING, false, false, true);
  }

  private static DatasetSchema schema(SchemaField... fields) {
    return new DatasetSchema("Test", List.of(fields));
  }

  private static DatasetSchema interactions(SchemaField... extra) {
    List<SchemaField> fields = new ArrayList<>(List.of(USER_ID, ITEM_ID, TIMESTAMP));
    fields.addAll(List.of(extra));
    return new DatasetSchema("Interactions", fields);
  }

  private static void assertFits(DatasetSchema schema, DatasetType type) {
    assertThatCode(() -> DatasetSchemaRules.check(schema, type)).doesNotThrowAnyException();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      DatasetSchema schema, DatasetType type) {
    return assertThatThrownBy(() -> DatasetSchemaRules.check(schema, type))
        .isInstanceOf(SchemaException.class);
  }
}
