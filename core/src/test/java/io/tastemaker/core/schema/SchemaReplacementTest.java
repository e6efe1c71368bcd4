package io.tastemaker.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaReplacementTest {
  private static DatasetSchema items(String extraFields) {
    return AvroSchemaParser.parse(
        "{\"type\":\"record\",\"name\":\"Items\",\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
            + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"],\"categorical\":true}" + extraFields
            + "],\"version\":\"1.0\"}");
  }

  @Test
  void nullable_fields_may_be_added() {
    assertThat(SchemaReplacement.check(items(""), items(",{\"name\":\"PRICE\",\"type\":[\"null\",\"float\"]}"))).containsExactly("PRICE");
    assertThat(SchemaReplacement.check(items(""), items(""))).isEmpty();
  }

  @Test
  void a_new_field_that_refuses_null_is_refused() {
    assertThatThrownBy(() -> SchemaReplacement.check(items(""), items(",{\"name\":\"PRICE\",\"type\":\"float\"}")))
        .isInstanceOf(SchemaException.class)
        .hasMessage("the new field PRICE must accept null (a union with \"null\")");
  }

  @Test
  void a_field_dropped_or_changed_is_refused_naming_it() {
    DatasetSchema current = items(",{\"name\":\"PRICE\",\"type\":[\"null\",\"float\"]}");
    assertThatThrownBy(() -> SchemaReplacement.check(current, items("")))
        .hasMessage("the field PRICE is missing (a replacement keeps every field of the current schema)");
    assertThatThrownBy(() -> SchemaReplacement.check(current, items(",{\"name\":\"PRICE\",\"type\":[\"null\",\"double\"]}")))
        .hasMessage("the field PRICE is nullable double but must stay nullable float");
    DatasetSchema plainGenres =
        AvroSchemaParser.parse(
            "{\"type\":\"record\",\"name\":\"Items\",\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
                + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"]}],\"version\":\"1.0\"}");
    assertThatThrownBy(() -> SchemaReplacement.check(items(""), plainGenres)).hasMessage("the field GENRES is nullable string but must stay nullable categorical string");
  }
}
