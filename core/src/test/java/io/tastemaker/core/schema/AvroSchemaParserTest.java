package io.tastemaker.core.schema;

import static io.tastemaker.core.schema.SchemaExamples.usersWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class AvroSchemaParserTest {

  @Test
  void the_interactions_example_parses_field_by_field() {
    DatasetSchema schema = AvroSchemaParser.parse(SchemaExamples.INTERACTIONS);

    assertThat(schema.recordName()).isEqualTo("Interactions");
    assertThat(schema.fields())
        .containsExactly(
            SchemaField.of("USER_ID", FieldType.STRING),
            SchemaField.of("ITEM_ID", FieldType.STRING),
            SchemaField.of("EVENT_TYPE", FieldType.STRING),
            new SchemaField("EVENT_VALUE", FieldType.FLOAT, true, false, false),
            new SchemaField("DEVICE", FieldType.STRING, true, true, false),
            SchemaField.of("TIMESTAMP", FieldType.LONG));
  }

  @Test
  void the_items_example_parses_with_categorical_and_textual_fields() {
    DatasetSchema schema = AvroSchemaParser.parse(SchemaExamples.ITEMS);

    assertThat(schema.recordName()).isEqualTo("Items");
    assertThat(schema.fields())
        .containsExactly(
            SchemaField.of("ITEM_ID", FieldType.STRING),
            new SchemaField("GENRES", FieldType.STRING, true, true, false),
            SchemaField.of("CREATION_TIMESTAMP", FieldType.LONG),
            new SchemaField("DESCRIPTION", FieldType.STRING, true, false, true));
  }

  @Test
  void the_users_example_parses() {
    DatasetSchema schema = AvroSchemaParser.parse(SchemaExamples.USERS);

    assertThat(schema.recordName()).isEqualTo("Users");
    assertThat(schema.fields())
        .containsExactly(
            SchemaField.of("USER_ID", FieldType.STRING),
            SchemaField.of("AGE", FieldType.INT),
            new SchemaField("GENDER", FieldType.STRING, false, true, false));
  }

  @Test
  void every_primitive_type_is_read() {
    for (FieldType type : FieldType.values()) {
      String json = usersWith("{\"name\": \"X\", \"type\": \"" + type.avroName() + "\"}");

      assertThat(AvroSchemaParser.parse(json).field("X")).contains(SchemaField.of("X", type));
    }
  }

  @Test
  void union_with_null_makes_a_field_nullable() {
    DatasetSchema schema =
        AvroSchemaParser.parse(usersWith("{\"name\": \"AGE\", \"type\": [\"int\", \"null\"]}"));

    assertThat(schema.field("AGE"))
        .contains(new SchemaField("AGE", FieldType.INT, true, false, false));
  }

  @Test
  void null_may_come_first_in_the_union() {
    DatasetSchema schema =
        AvroSchemaParser.parse(usersWith("{\"name\": \"AGE\", \"type\": [\"null\", \"double\"]}"));

    assertThat(schema.field("AGE"))
        .contains(new SchemaField("AGE", FieldType.DOUBLE, true, false, false));
  }

  @Test
  void a_primitive_in_avro_object_form_is_the_same_primitive() {
    DatasetSchema schema =
        AvroSchemaParser.parse(
            usersWith("{\"name\": \"AGE\", \"type\": [\"null\", {\"type\": \"long\"}]}"));

    assertThat(schema.field("AGE"))
        .contains(new SchemaField("AGE", FieldType.LONG, true, false, false));
  }

  @Test
  void a_union_of_one_type_alone_is_that_type_not_nullable() {
    DatasetSchema schema =
        AvroSchemaParser.parse(usersWith("{\"name\": \"GENDER\", \"type\": [\"string\"], \"categorical\": true}"));

    assertThat(schema.field("GENDER"))
        .contains(new SchemaField("GENDER", FieldType.STRING, false, true, false));
  }

  @Test
  void object_forms_nest_and_may_hold_the_union_or_the_null() {
    assertThat(AvroSchemaParser.parse(usersWith("{\"name\": \"AGE\", \"type\": {\"type\": {\"type\": \"int\"}}}")).field("AGE"))
        .contains(SchemaField.of("AGE", FieldType.INT));
    assertThat(AvroSchemaParser.parse(usersWith("{\"name\": \"AGE\", \"type\": {\"type\": [\"int\", \"null\"]}}")).field("AGE"))
        .contains(new SchemaField("AGE", FieldType.INT, true, false, false));
    assertThat(AvroSchemaParser.parse(usersWith("{\"name\": \"AGE\", \"type\": [{\"type\": \"null\"}, {\"type\": \"float\"}]}")).field("AGE"))
        .contains(new SchemaField("AGE", FieldType.FLOAT, true, false, false));
  }

  @Test
  void defaults_docs_and_unknown_attributes_are_ignored() {
    String json =
        """
        {"type": "record", "name": "Users", "doc": "people", "aliases": ["U"],
         "fields": [
           {"name": "USER_ID", "type": "string", "doc": "the id"},
           {"name": "AGE", "type": ["null", "int"], "default": null, "order": "ascending"}
         ]}
        """;

    assertThat(AvroSchemaParser.parse(json).fields())
        .containsExactly(
            SchemaField.of("USER_ID", FieldType.STRING),
            new SchemaField("AGE", FieldType.INT, true, false, false));
  }

  @Test
  void categorical_false_and_textual_false_are_the_same_as_absent() {
    String json =
        usersWith(
            "{\"name\": \"AGE\", \"type\": \"int\", \"categorical\": false, \"textual\": false}");

    assertThat(AvroSchemaParser.parse(json).field("AGE"))
        .contains(SchemaField.of("AGE", FieldType.INT));
  }

  @Test
  void null_alone_is_rejected() {
    assertRejected(usersWith("{\"name\": \"NOTHING\", \"type\": \"null\"}"))
        .hasMessageContaining("Field NOTHING")
        .hasMessageContaining("\"null\" alone");
  }

  @Test
  void a_union_of_only_null_is_rejected() {
    assertRejected(usersWith("{\"name\": \"NOTHING\", \"type\": [\"null\"]}"))
        .hasMessageContaining("Field NOTHING")
        .hasMessageContaining("[\"null\"]");
  }

  @Test
  void a_union_of_two_value_types_is_rejected() {
    assertRejected(usersWith("{\"name\": \"AGE\", \"type\": [\"int\", \"string\"]}"))
        .hasMessageContaining("Field AGE")
        .hasMessageContaining("[\"int\",\"string\"]")
        .hasMessageContaining("alone or together with \"null\"");
  }

  @Test
  void a_union_of_three_types_is_rejected() {
    assertRejected(usersWith("{\"name\": \"AGE\", \"type\": [\"null\", \"int\", \"long\"]}"))
        .hasMessageContaining("Field AGE")
        .hasMessageContaining("[\"null\",\"int\",\"long\"]");
  }

  @Test
  void null_twice_is_rejected() {
    assertRejected(usersWith("{\"name\": \"AGE\", \"type\": [\"null\", \"null\"]}"))
        .hasMessageContaining("Field AGE");
  }

  @Test
  void a_nested_union_is_rejected() {
    assertRejected(usersWith("{\"name\": \"AGE\", \"type\": [\"null\", [\"int\"]]}"))
        .hasMessageContaining("Field AGE")
        .hasMessageContaining("union");
  }

  @Test
  void an_array_is_rejected() {
    assertRejected(
            usersWith(
                "{\"name\": \"TAGS\", \"type\": {\"type\": \"array\", \"items\": \"string\"}}"))
        .hasMessageContaining("Field TAGS")
        .hasMessageContaining("type array")
        .hasMessageContaining("does not support");
  }

  @Test
  void a_map_is_rejected() {
    assertRejected(
            usersWith("{\"name\": \"ATTRS\", \"type\": {\"type\": \"map\", \"values\": \"long\"}}"))
        .hasMessageContaining("Field ATTRS")
        .hasMessageContaining("type map");
  }

  @Test
  void a_nested_record_is_rejected() {
    String nested =
        "{\"name\": \"ADDRESS\", \"type\": {\"type\": \"record\", \"name\": \"Address\","
            + " \"fields\": [{\"name\": \"CITY\", \"type\": \"string\"}]}}";

    assertRejected(usersWith(nested))
        .hasMessageContaining("Field ADDRESS")
        .hasMessageContaining("type record");
  }

  @Test
  void an_enum_is_rejected() {
    String json =
        usersWith(
            "{\"name\": \"TIER\", \"type\": {\"type\": \"enum\", \"name\": \"Tier\","
                + " \"symbols\": [\"GOLD\", \"SILVER\"]}}");

    assertRejected(json).hasMessageContaining("Field TIER").hasMessageContaining("type enum");
  }

  @Test
  void fixed_is_rejected() {
    String json =
        usersWith(
            "{\"name\": \"HASH\","
                + " \"type\": {\"type\": \"fixed\", \"name\": \"Md5\", \"size\": 16}}");

    assertRejected(json).hasMessageContaining("Field HASH").hasMessageContaining("type fixed");
  }

  @Test
  void bytes_is_rejected_also_inside_a_union() {
    assertRejected(usersWith("{\"name\": \"BLOB\", \"type\": \"bytes\"}"))
        .hasMessageContaining("Field BLOB")
        .hasMessageContaining("type bytes");
    assertRejected(usersWith("{\"name\": \"BLOB\", \"type\": [\"null\", \"bytes\"]}"))
        .hasMessageContaining("Field BLOB")
        .hasMessageContaining("type bytes");
  }

  @Test
  void a_logical_type_is_rejected() {
    String json =
        usersWith(
            "{\"name\": \"SIGNED_UP\","
                + " \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}}");

    assertRejected(json)
        .hasMessageContaining("Field SIGNED_UP")
        .hasMessageContaining("logical type \"timestamp-millis\"");
  }

  @Test
  void type_names_are_case_sensitive() {
    assertRejected(usersWith("{\"name\": \"AGE\", \"type\": \"Int\"}"))
        .hasMessageContaining("Field AGE")
        .hasMessageContaining("unknown type 'Int'");
  }

  @Test
  void a_type_that_is_neither_a_name_a_union_nor_an_object_is_rejected() {
    assertRejected(usersWith("{\"name\": \"AGE\", \"type\": 3}"))
        .hasMessageContaining("Field AGE")
        .hasMessageContaining("invalid type 3");
  }

  @Test
  void a_field_without_a_type_is_rejected() {
    assertRejected(usersWith("{\"name\": \"AGE\"}"))
        .hasMessageContaining("Field AGE has no \"type\"");
  }

  @Test
  void a_field_without_a_name_is_rejected_with_its_position() {
    assertRejected(usersWith("{\"type\": \"int\"}"))
        .hasMessageContaining("fields[1] has no \"name\"");
  }

  @Test
  void a_field_name_that_is_not_a_string_is_rejected() {
    assertRejected(usersWith("{\"name\": 7, \"type\": \"int\"}"))
        .hasMessageContaining("fields[1] \"name\" must be a string, got 7");
  }

  @Test
  void a_field_that_is_not_an_object_is_rejected() {
    assertRejected(usersWith("\"AGE\"")).hasMessageContaining("fields[1] must be a JSON object");
  }

  @Test
  void field_names_must_be_avro_names() {
    assertRejected(usersWith("{\"name\": \"FAVOURITE-COLOUR\", \"type\": \"string\"}"))
        .hasMessageContaining("'FAVOURITE-COLOUR'")
        .hasMessageContaining("[A-Za-z_][A-Za-z0-9_]*");
    assertRejected(usersWith("{\"name\": \"2ND_ADDRESS\", \"type\": \"string\"}"))
        .hasMessageContaining("'2ND_ADDRESS'");
  }

  @Test
  void field_names_that_clash_alphanumerically_are_rejected() {
    String json =
        usersWith(
            "{\"name\": \"GENRES_FIELD_1\", \"type\": \"string\", \"categorical\": true}",
            "{\"name\": \"GENRESFIELD1\", \"type\": \"string\", \"categorical\": true}");

    assertRejected(json).hasMessageContaining("GENRES_FIELD_1 and GENRESFIELD1 clash");
  }

  @Test
  void categorical_is_only_for_strings() {
    assertRejected(usersWith("{\"name\": \"AGE\", \"type\": \"int\", \"categorical\": true}"))
        .hasMessageContaining("Field AGE is categorical but has type int");
  }

  @Test
  void textual_is_only_for_strings() {
    assertRejected(
            usersWith("{\"name\": \"SCORE\", \"type\": [\"null\", \"float\"], \"textual\": true}"))
        .hasMessageContaining("Field SCORE is textual but has type float");
  }

  @Test
  void a_field_cannot_be_both_categorical_and_textual() {
    String json =
        usersWith(
            "{\"name\": \"BIO\", \"type\": \"string\", \"categorical\": true, \"textual\": true}");

    assertRejected(json).hasMessageContaining("Field BIO is both categorical and textual");
  }

  @Test
  void categorical_must_be_a_json_boolean() {
    assertRejected(
            usersWith("{\"name\": \"GENDER\", \"type\": \"string\", \"categorical\": \"true\"}"))
        .hasMessageContaining("Field GENDER attribute \"categorical\" must be true or false")
        .hasMessageContaining("got \"true\"");
  }

  @Test
  void textual_must_be_a_json_boolean() {
    assertRejected(usersWith("{\"name\": \"BIO\", \"type\": \"string\", \"textual\": 1}"))
        .hasMessageContaining("Field BIO attribute \"textual\" must be true or false, got 1");
  }

  @Test
  void a_schema_needs_at_least_one_field() {
    assertRejected("{\"type\": \"record\", \"name\": \"Users\", \"fields\": []}")
        .hasMessageContaining("at least one field");
  }

  @Test
  void a_schema_needs_a_fields_array() {
    assertRejected("{\"type\": \"record\", \"name\": \"Users\"}")
        .hasMessageContaining("\"fields\" array, got none");
    assertRejected("{\"type\": \"record\", \"name\": \"Users\", \"fields\": {}}")
        .hasMessageContaining("\"fields\" array, got {}");
  }

  @Test
  void the_top_level_type_must_be_record() {
    assertRejected("{\"type\": \"enum\", \"name\": \"Users\", \"symbols\": [\"A\"]}")
        .hasMessageContaining("\"type\" must be \"record\", got \"enum\"");
    assertRejected("{\"name\": \"Users\", \"fields\": []}")
        .hasMessageContaining("\"type\" must be \"record\", got none");
  }

  @Test
  void the_top_level_must_be_an_object() {
    assertRejected("\"string\"")
        .hasMessageContaining("JSON object")
        .hasMessageContaining("\"string\"");
    assertRejected("null").hasMessageContaining("JSON object");
  }

  @Test
  void the_record_needs_a_name_that_is_an_avro_name() {
    assertRejected("{\"type\": \"record\", \"fields\": []}")
        .hasMessageContaining("has no \"name\"");
    assertRejected("{\"type\": \"record\", \"name\": \"My Users\", \"fields\": []}")
        .hasMessageContaining("'My Users'");
    assertRejected("{\"type\": \"record\", \"name\": 5, \"fields\": []}")
        .hasMessageContaining("\"name\" must be a string, got 5");
  }

  @Test
  void the_namespace_must_be_a_string() {
    assertRejected("{\"type\": \"record\", \"name\": \"Users\", \"namespace\": [], \"fields\": []}")
        .hasMessageContaining("\"namespace\" must be a string, got []");
  }

  @Test
  void invalid_json_is_rejected_with_the_parsers_location() {
    String json = "{\"type\": \"record\",\n \"name\": \"Users\",\n \"fields\": [}";

    assertRejected(json)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 3, column 13")
        .hasMessageNotContaining("Source")
        .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }

  @Test
  void trailing_content_after_the_record_is_rejected() {
    assertRejected(SchemaExamples.USERS + " {}")
        .hasMessageContaining("content after the record at line 12, column 2: {");
    assertRejected(SchemaExamples.USERS + "x").hasMessageContaining("not valid JSON");
  }

  @Test
  void a_key_given_twice_is_rejected() {
    assertRejected(usersWith("{\"name\": \"AGE\", \"type\": \"int\", \"type\": \"string\"}"))
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("'type'");
  }

  @Test
  void empty_text_is_rejected() {
    assertRejected("").hasMessageContaining("empty");
    assertRejected("  \n").hasMessageContaining("empty");
  }

  @Test
  void long_offending_values_are_shortened_in_messages() {
    String longName = "A".repeat(500);
    String json = usersWith("{\"name\": \"X\", \"type\": [\"" + longName + "\", \"int\"]}");

    assertRejected(json).message().hasSizeLessThan(400).contains("...");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String json) {
    return assertThatThrownBy(() -> AvroSchemaParser.parse(json))
        .isInstanceOf(SchemaException.class);
  }

  @Test
  void defaults_of_the_field_type_are_accepted() {
    for (String field : new String[] {
        "{\"name\": \"X\", \"type\": \"string\", \"default\": \"none\"}",
        "{\"name\": \"X\", \"type\": \"int\", \"default\": -2147483648}",
        "{\"name\": \"X\", \"type\": \"long\", \"default\": 9223372036854775807}",
        "{\"name\": \"X\", \"type\": \"float\", \"default\": 1.5}",
        "{\"name\": \"X\", \"type\": \"double\", \"default\": 1e300}",
        "{\"name\": \"X\", \"type\": \"boolean\", \"default\": false}",
        "{\"name\": \"X\", \"type\": [\"null\", \"string\"], \"default\": null}",
        "{\"name\": \"X\", \"type\": [\"string\", \"null\"], \"default\": \"a\"}",
        "{\"name\": \"X\", \"type\": [\"float\", \"null\"], \"default\": null}"}) {
      assertThat(AvroSchemaParser.parse(usersWith(field)).field("X")).as(field).isPresent();
    }
  }

  @Test
  void a_default_of_another_type_is_refused_naming_the_field_the_value_and_the_type() {
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"PRICE\", \"type\": \"float\", \"default\": \"cheap\"}")))
        .isInstanceOf(SchemaException.class)
        .hasMessage("Field PRICE has default \"cheap\", which is not a float; its default must be a number within a float's range");
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"NAME\", \"type\": \"string\", \"default\": 7}")))
        .hasMessage("Field NAME has default 7, which is not a string; its default must be a string");
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"FLAG\", \"type\": \"boolean\", \"default\": \"true\"}")))
        .hasMessage("Field FLAG has default \"true\", which is not a boolean; its default must be true or false");
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"G\", \"type\": [\"null\", \"string\"], \"default\": 1}")))
        .hasMessage("Field G has default 1, which is not a string; its default must be a string or null");
  }

  @Test
  void null_is_a_default_only_for_a_nullable_field() {
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"AGE\", \"type\": \"int\", \"default\": null}")))
        .hasMessage("Field AGE has default null, which is not a int; its default must be a whole number from -2147483648 to 2147483647"
            + " (null is a default only for a nullable field, a union with \"null\")");
  }

  @Test
  void numeric_defaults_must_fit_the_type() {
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"AGE\", \"type\": \"int\", \"default\": 2147483648}")))
        .hasMessageStartingWith("Field AGE has default 2147483648, which is not a int");
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"AGE\", \"type\": \"int\", \"default\": 1.5}")))
        .hasMessageStartingWith("Field AGE has default 1.5, which is not a int");
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"T\", \"type\": \"long\", \"default\": 9223372036854775808}")))
        .hasMessageStartingWith("Field T has default 9223372036854775808, which is not a long");
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"P\", \"type\": \"float\", \"default\": 1e39}")))
        .hasMessageStartingWith("Field P has default 1E+39, which is not a float");
    assertThatThrownBy(() -> AvroSchemaParser.parse(usersWith("{\"name\": \"P\", \"type\": \"double\", \"default\": 1e400}")))
        .hasMessageStartingWith("Field P has default 1E+400, which is not a double");
  }
}
