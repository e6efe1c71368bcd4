package io.tastemaker.core.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {
  private static List<List<String>> parse(String csv) throws IOException {
    return parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<List<String>> parse(InputStream in) throws IOException {
    CsvParser parser = new CsvParser(in);
    List<List<String>> records = new ArrayList<>();
    while (parser.next()) {
      List<String> record = new ArrayList<>();
      for (int i = 0; i < parser.fieldCount(); i++) {
        record.add(parser.string(i));
      }
      records.add(record);
    }
    return records;
  }

  @Test
  void plain_records_split_on_commas_and_any_line_end() throws IOException {
    assertThat(parse("a,b\r\n1,2\n3,4\r5,6")).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"), List.of("5", "6"));
  }

  @Test
  void quoted_fields_keep_commas_newlines_and_doubled_quotes() throws IOException {
    assertThat(parse("x,\"a, \"\"b\"\"\nc\",y\n")).containsExactly(List.of("x", "a, \"b\"\nc", "y"));
  }

  @Test
  void empty_fields_and_empty_lines() throws IOException {
    assertThat(parse("a,,c\n\n,\n")).containsExactly(List.of("a", "", "c"), List.of("", ""));
  }

  @Test
  void a_byte_order_mark_is_skipped_and_utf8_decoded() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "USER_ID\nzoë\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(text, 0, all, 3, text.length);
    assertThat(parse(new ByteArrayInputStream(all))).containsExactly(List.of("USER_ID"), List.of("zoë"));
  }

  @Test
  void records_spanning_buffer_refills_read_whole() throws IOException {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      csv.append("user").append(i).append(",\"item, ").append(i).append("\",").append(1_600_000_000L + i).append('\n');
    }
    List<List<String>> records = parse(csv.toString());
    assertThat(records).hasSize(200_000);
    assertThat(records.get(123_456)).containsExactly("user123456", "item, 123456", "1600123456");
  }

  @Test
  void line_numbers_count_physical_lines() throws IOException {
    CsvParser parser = new CsvParser(new ByteArrayInputStream("h\n\"a\nb\"\nc\n".getBytes(StandardCharsets.UTF_8)));
    parser.next();
    assertThat(parser.line()).isEqualTo(1);
    parser.next();
    assertThat(parser.line()).isEqualTo(2);
    parser.next();
    assertThat(parser.line()).isEqualTo(4);
  }

  @Test
  void numbers_parse_straight_from_bytes() throws IOException {
    CsvParser parser = new CsvParser(new ByteArrayInputStream("-42,1700000000,+7,12a,99999999999999999999\n".getBytes(StandardCharsets.UTF_8)));
    parser.next();
    assertThat(parser.parseLong(0)).isEqualTo(-42);
    assertThat(parser.parseLong(1)).isEqualTo(1_700_000_000L);
    assertThat(parser.parseLong(2)).isEqualTo(7);
    assertThatThrownBy(() -> parser.parseLong(3)).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> parser.parseLong(4)).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void an_unclosed_quote_is_reported_with_its_line() {
    assertThatThrownBy(() -> parse("a\n\"never closed\n"))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("never closed");
  }

  @Test
  void text_after_a_closing_quote_joins_the_field_as_lenient_readers_take_it() throws IOException {
    assertThat(parse("\"a\"b,c\n")).containsExactly(List.of("ab", "c"));
  }

  @Test
  void a_quote_inside_an_unquoted_field_is_a_plain_character() throws IOException {
    assertThat(parse("a\"b,12\" pizza\n")).containsExactly(List.of("a\"b", "12\" pizza"));
  }
}
