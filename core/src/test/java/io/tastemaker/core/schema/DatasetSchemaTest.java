package io.tastemaker.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSchemaTest {

  private static final SchemaField USER_ID = SchemaField.of("USER_ID", FieldType.STRING);
  private static final SchemaField AGE = SchemaField.of("AGE", FieldType.INT);

  @Test
  void fields_are_copied_so_later_changes_to_the_input_do_not_leak_in() {
    List<SchemaField> input = new ArrayList<>(List.of(USER_ID, AGE));
    DatasetSchema schema = new DatasetSchema("Users", input);

    input.clear();

    assertThat(schema.fields()).containsExactly(USER_ID, AGE);
  }

  @Test
  void fields_cannot_be_modified_through_the_accessor() {
    DatasetSchema schema = new DatasetSchema("Users", List.of(USER_ID, AGE));

    assertThatThrownBy(() -> schema.fields().add(USER_ID))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void a_field_is_found_by_its_exact_name() {
    DatasetSchema schema = new DatasetSchema("Users", List.of(USER_ID, AGE));

    assertThat(schema.field("AGE")).contains(AGE);
    assertThat(schema.has("USER_ID")).isTrue();
    assertThat(schema.field("age")).isEmpty();
    assertThat(schema.has("GENDER")).isFalse();
  }

  @Test
  void a_schema_without_fields_is_rejected() {
    assertThatThrownBy(() -> new DatasetSchema("Users", List.of()))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("Users")
        .hasMessageContaining("at least one field");
  }

  @Test
  void a_blank_record_name_is_rejected() {
    assertThatThrownBy(() -> new DatasetSchema(" ", List.of(USER_ID)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("record name");
  }

  @Test
  void names_that_differ_only_in_underscores_clash() {
    List<SchemaField> fields =
        List.of(
            SchemaField.of("GENRES_FIELD_1", FieldType.STRING),
            SchemaField.of("GENRESFIELD1", FieldType.STRING));

    assertThatThrownBy(() -> new DatasetSchema("Items", fields))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("unique when compared alphanumerically")
        .hasMessageContaining("GENRES_FIELD_1 and GENRESFIELD1 clash");
  }

  @Test
  void names_that_differ_only_in_case_clash() {
    List<SchemaField> fields = List.of(AGE, SchemaField.of("age", FieldType.LONG));

    assertThatThrownBy(() -> new DatasetSchema("Users", fields))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("AGE and age clash");
  }

  @Test
  void a_name_declared_twice_is_rejected() {
    assertThatThrownBy(() -> new DatasetSchema("Users", List.of(USER_ID, AGE, USER_ID)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("USER_ID is declared twice");
  }

  @Test
  void null_fields_are_a_programming_error() {
    List<SchemaField> withNull = new ArrayList<>();
    withNull.add(null);

    assertThatThrownBy(() -> new DatasetSchema("Users", withNull))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new DatasetSchema(null, List.of(USER_ID)))
        .isInstanceOf(NullPointerException.class);
  }
}
