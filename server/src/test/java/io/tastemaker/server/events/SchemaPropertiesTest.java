package io.tastemaker.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.server.wire.ApiException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaPropertiesTest {
  private static final DatasetSchema ITEMS = AvroSchemaParser.parse(
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},{"name":"NUMBER_OF_RATINGS","type":"int"},{"name":"PRICE","type":"float"},
        {"name":"GENRES","type":["null","string"],"categorical":true},{"name":"IN_STOCK","type":"boolean"}],"version":"1.0"}""");
  private final SchemaProperties properties = new SchemaProperties(ITEMS, Set.of("ITEM_ID"));

  @Test
  void keys_are_the_field_names_in_camel_case() {
    assertThat(SchemaProperties.camelCase("NUMBER_OF_RATINGS")).isEqualTo("numberOfRatings");
    assertThat(SchemaProperties.camelCase("GENRES")).isEqualTo("genres");
    assertThat(properties.read("{\"numberOfRatings\": 12, \"price\": 9.5, \"genres\": \"Comedy|Drama\", \"inStock\": true}", "items[0].properties", Set.of()))
        .containsEntry("NUMBER_OF_RATINGS", "12").containsEntry("PRICE", "9.5").containsEntry("GENRES", "Comedy|Drama").containsEntry("IN_STOCK", "true");
  }

  @Test
  void a_wrong_key_type_or_null_is_refused_naming_where() {
    assertThatThrownBy(() -> properties.read("{\"colour\": \"red\"}", "items[3].properties", Set.of())).isInstanceOf(ApiException.class)
        .hasMessageContaining("items[3].properties").hasMessageContaining("colour").hasMessageContaining("numberOfRatings");
    assertThatThrownBy(() -> properties.read("{\"numberOfRatings\": 1.5}", "p", Set.of())).hasMessageContaining("whole number").hasMessageContaining("1.5");
    assertThatThrownBy(() -> properties.read("{\"numberOfRatings\": 3000000000}", "p", Set.of())).hasMessageContaining("whole number");
    assertThatThrownBy(() -> properties.read("{\"price\": \"cheap\"}", "p", Set.of())).hasMessageContaining("number").hasMessageContaining("cheap");
    assertThatThrownBy(() -> properties.read("{\"inStock\": \"yes\"}", "p", Set.of())).hasMessageContaining("true or false");
    assertThatThrownBy(() -> properties.read("{\"price\": null}", "p", Set.of())).hasMessageContaining("not nullable");
    assertThat(properties.read("{\"genres\": null}", "p", Set.of())).isEmpty();
    assertThatThrownBy(() -> properties.read("[1]", "p", Set.of())).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> properties.read("{oops", "p", Set.of())).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> properties.read("{\"ItemId\": \"x\"}", "p", Set.of("itemId"))).hasMessageContaining("ItemId");
  }

  @Test
  void numbers_and_booleans_written_as_strings_are_read_as_personalize_documents_them() {
    assertThat(properties.read("{\"numberOfRatings\": \"12\", \"price\": \" 9.5\", \"inStock\": \"True\", \"genres\": 7}", "p", Set.of()))
        .containsEntry("NUMBER_OF_RATINGS", "12").containsEntry("PRICE", "9.5").containsEntry("IN_STOCK", "true").containsEntry("GENRES", "7");
    assertThatThrownBy(() -> properties.read("{\"numberOfRatings\": \"12.5\"}", "p", Set.of())).hasMessageContaining("whole number");
    assertThatThrownBy(() -> properties.read("{\"numberOfRatings\": \"3000000000\"}", "p", Set.of())).hasMessageContaining("whole number");
    assertThatThrownBy(() -> properties.read("{\"price\": \"NaN\"}", "p", Set.of())).hasMessageContaining("must be a number");
    assertThatThrownBy(() -> properties.read("{\"genres\": [\"a\"]}", "p", Set.of())).hasMessageContaining("single value");
  }

  @Test
  void keys_match_ignoring_case_and_underscores_but_not_twice() {
    assertThat(properties.read("{\"NumberOfRatings\": 1, \"PRICE\": 2, \"in_stock\": false}", "p", Set.of()))
        .containsEntry("NUMBER_OF_RATINGS", "1").containsEntry("PRICE", "2").containsEntry("IN_STOCK", "false");
    assertThatThrownBy(() -> properties.read("{\"price\": 1, \"PRICE\": 2}", "p", Set.of())).hasMessageContaining("PRICE twice");
  }

  @Test
  void required_fields_a_record_leaves_out_are_named() {
    assertThat(properties.missingRequired(properties.read("{\"price\": 1}", "p", Set.of()))).containsExactly("inStock", "numberOfRatings");
  }
}
