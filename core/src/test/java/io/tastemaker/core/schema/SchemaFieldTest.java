package io.tastemaker.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaFieldTest {

  @Test
  void a_plain_field_is_neither_nullable_categorical_nor_textual() {
    SchemaField field = SchemaField.of("USER_ID", FieldType.STRING);

    assertThat(field).isEqualTo(new SchemaField("USER_ID", FieldType.STRING, false, false, false));
  }

  @Test
  void names_may_start_with_an_underscore_and_hold_digits() {
    assertThat(SchemaField.of("_GENRE_L2", FieldType.STRING).name()).isEqualTo("_GENRE_L2");
  }

  @Test
  void names_that_are_not_avro_names_are_rejected_with_the_name() {
    for (String bad : new String[] {"", "1ST", "USER-ID", "USER ID", "ÉTÉ", "a.b"}) {
      assertThatThrownBy(() -> SchemaField.of(bad, FieldType.STRING))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("[A-Za-z_][A-Za-z0-9_]*");
    }
  }

  @Test
  void categorical_strings_and_textual_strings_are_allowed() {
    assertThat(new SchemaField("GENRES", FieldType.STRING, true, true, false).categorical())
        .isTrue();
    assertThat(new SchemaField("DESCRIPTION", FieldType.STRING, true, false, true).textual())
        .isTrue();
  }

  @Test
  void only_strings_can_be_categorical() {
    assertThatThrownBy(() -> new SchemaField("AGE", FieldType.INT, false, true, false))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("AGE")
        .hasMessageContaining("categorical")
        .hasMessageContaining("int");
  }

  @Test
  void only_strings_can_be_textual() {
    assertThatThrownBy(() -> new SchemaField("PRICE", FieldType.DOUBLE, false, false, true))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("PRICE")
        .hasMessageContaining("textual")
        .hasMessageContaining("double");
  }

  @Test
  void a_field_cannot_be_both_categorical_and_textual() {
    assertThatThrownBy(() -> new SchemaField("TAGS", FieldType.STRING, false, true, true))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("TAGS")
        .hasMessageContaining("both categorical and textual");
  }

  @Test
  void null_name_or_type_is_a_programming_error() {
    assertThatThrownBy(() -> SchemaField.of(null, FieldType.STRING))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SchemaField.of("X", null)).isInstanceOf(NullPointerException.class);
  }
}
