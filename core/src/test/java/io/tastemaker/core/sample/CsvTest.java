package io.tastemaker.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void plain_fields_are_written_as_they_are() {
    assertThat(Csv.field("Ridge Tent 7")).isEqualTo("Ridge Tent 7");
    assertThat(Csv.field("")).isEmpty();
  }

  @Test
  void a_title_with_a_comma_is_quoted_and_round_trips() {
    String title = "Mixing Bowls, Set of 3";
    String line = "item-0001," + Csv.field(title) + ",kitchen\n";

    assertThat(line).isEqualTo("item-0001,\"Mixing Bowls, Set of 3\",kitchen\n");
    assertThat(CsvRows.parse(line)).containsExactly(List.of("item-0001", title, "kitchen"));
  }

  @Test
  void quotes_are_doubled_and_line_breaks_quoted() {
    for (String title : List.of("Cast Iron 12\" Skillet", "\"", "two\nlines", "cr\rhere", ",\",")) {
      String line = Csv.field(title) + "\n";

      assertThat(Csv.field(title)).startsWith("\"").endsWith("\"");
      assertThat(CsvRows.parse(line)).containsExactly(List.of(title));
    }
    assertThat(Csv.field("12\" Skillet")).isEqualTo("\"12\"\" Skillet\"");
  }

  @Test
  void cents_become_dollars_with_two_decimals() {
    assertThat(Csv.cents(1999)).isEqualTo("19.99");
    assertThat(Csv.cents(1905)).isEqualTo("19.05");
    assertThat(Csv.cents(1900)).isEqualTo("19.00");
    assertThat(Csv.cents(7)).isEqualTo("0.07");
  }
}
