package io.tastemaker.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class FieldTypeTest {

  @Test
  void avro_names_are_the_lower_case_primitive_names() {
    assertThat(FieldType.STRING.avroName()).isEqualTo("string");
    assertThat(FieldType.INT.avroName()).isEqualTo("int");
    assertThat(FieldType.LONG.avroName()).isEqualTo("long");
    assertThat(FieldType.FLOAT.avroName()).isEqualTo("float");
    assertThat(FieldType.DOUBLE.avroName()).isEqualTo("double");
    assertThat(FieldType.BOOLEAN.avroName()).isEqualTo("boolean");
  }

  @Test
  void int_long_float_and_double_are_numeric_and_nothing_else_is() {
    EnumSet<FieldType> numeric = EnumSet.noneOf(FieldType.class);
    for (FieldType type : FieldType.values()) {
      if (type.isNumeric()) {
        numeric.add(type);
      }
    }
    assertThat(numeric)
        .containsExactlyInAnyOrder(
            FieldType.INT, FieldType.LONG, FieldType.FLOAT, FieldType.DOUBLE);
  }

  @Test
  void lookup_by_avro_name_is_exact() {
    for (FieldType type : FieldType.values()) {
      assertThat(FieldType.ofAvroName(type.avroName())).contains(type);
    }
    assertThat(FieldType.ofAvroName("String")).isEmpty();
    assertThat(FieldType.ofAvroName("null")).isEmpty();
    assertThat(FieldType.ofAvroName("bytes")).isEmpty();
  }
}
