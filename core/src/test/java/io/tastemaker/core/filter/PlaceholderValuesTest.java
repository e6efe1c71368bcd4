package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholderValuesTest {

  @Test
  void quoted_values_are_separated_by_commas() {
    assertThat(PlaceholderValues.parse("GENRES", "\"comedy\",\"drama\""))
        .containsExactly(new Literal("comedy", true), new Literal("drama", true));
  }

  @Test
  void spaces_around_values_are_ignored_and_kept_inside_quotes() {
    assertThat(PlaceholderValues.parse("G", " \"sci fi\" ,  \"\" "))
        .containsExactly(new Literal("sci fi", true), new Literal("", true));
  }

  @Test
  void numbers_may_be_quoted_or_not() {
    List<Literal> values = PlaceholderValues.parse("PRICE", "\"20\", 7.5,-3");

    assertThat(values).containsExactly(new Literal("20", true), new Literal("7.5", false), new Literal("-3", false));
    assertThat(values).extracting(l -> l.number().getAsDouble()).containsExactly(20.0, 7.5, -3.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"comedy", "\"comedy\",drama", "\"comedy", "", " ", "\"a\",", "\"a\" \"b\"", ",\"a\"", "20 30"})
  void a_malformed_value_names_the_key_and_the_value(String raw) {
    assertThatThrownBy(() -> PlaceholderValues.parse("GENRES", raw))
        .isInstanceOf(FilterValueException.class)
        .hasMessageStartingWith("filterValues GENRES has a malformed value '" + raw + "' (")
        .hasMessageEndingWith("expected comma-separated values in double quotes, such as \"comedy\",\"drama\", or a number");
  }

  @Test
  void the_reason_for_a_malformed_value_is_given() {
    assertThatThrownBy(() -> PlaceholderValues.parse("G", "\"a\",drama"))
        .hasMessageContaining("('drama' is neither quoted nor a number)");
    assertThatThrownBy(() -> PlaceholderValues.parse("G", "\"a"))
        .hasMessageContaining("(a quote is not closed)");
    assertThatThrownBy(() -> PlaceholderValues.parse("G", "\"a\","))
        .hasMessageContaining("(a value is missing)");
    assertThatThrownBy(() -> PlaceholderValues.parse("G", "\"a\" \"b\""))
        .hasMessageContaining("(expected a comma at character 5)");
  }
}
