package io.tastemaker.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.filter.AttributeTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemMetadataTest {
  private final AttributeTable table = AttributeTable.empty("ITEM_ID").withRecords(List.of(
      Map.of("ITEM_ID", "i1", "TITLE", "Toy Story", "GENRES", "Comedy|Animation", "YEAR", 1995),
      Map.of("ITEM_ID", "i2", "TITLE", "Heat", "PRICE", 9.5)));

  @Test
  void known_items_get_their_fields_in_schema_order_and_unknown_items_nothing() {
    ObjectNode answer = ItemMetadata.of(table, List.of("TITLE", "GENRES", "YEAR", "PRICE", "UNUSED"), List.of("i2", "nope", "i1"));

    assertThat(answer.get("fields").toString()).isEqualTo("[\"TITLE\",\"GENRES\",\"YEAR\",\"PRICE\"]");
    assertThat(answer.get("items").has("nope")).isFalse();
    assertThat(answer.at("/items/i1/TITLE").asText()).isEqualTo("Toy Story");
    assertThat(answer.at("/items/i1/GENRES").asText()).isEqualTo("Animation|Comedy");
    assertThat(answer.at("/items/i1/YEAR").asText()).isEqualTo("1995");
    assertThat(answer.at("/items/i2/PRICE").asText()).isEqualTo("9.5");
    assertThat(answer.at("/items/i2").has("GENRES")).isFalse();
  }

  @Test
  void fields_missing_from_the_schema_list_come_after_it_by_name() {
    ObjectNode answer = ItemMetadata.of(table, List.of("TITLE"), List.of("i1", "i2"));

    assertThat(answer.get("fields").toString()).isEqualTo("[\"TITLE\",\"GENRES\",\"PRICE\",\"YEAR\"]");
  }

  @Test
  void a_group_without_items_metadata_answers_no_fields() {
    ObjectNode answer = ItemMetadata.of(AttributeTable.empty("ITEM_ID"), List.of(), List.of("i1"));

    assertThat(answer.get("fields").size()).isZero();
    assertThat(answer.get("items").size()).isZero();
  }
}
