package io.tastemaker.core.data.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
  @Test
  void plain_values_are_written_as_they_are_and_null_is_an_empty_field() {
    assertThat(CsvWriter.line(Arrays.asList("u1", null, "Drama|Comedy", "1.5"))).isEqualTo("u1,,Drama|Comedy,1.5\n");
  }

  @Test
  void values_with_commas_quotes_or_line_breaks_are_quoted_with_quotes_doubled() {
    assertThat(CsvWriter.line(List.of("a,b", "12\" pizza", "two\nlines", "cr\r"))).isEqualTo("\"a,b\",\"12\"\" pizza\",\"two\nlines\",\"cr\r\"\n");
  }
}
