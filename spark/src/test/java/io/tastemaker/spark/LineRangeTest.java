package io.tastemaker.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ranges cut anywhere in a file give, joined in order, exactly the lines one reader of the whole
 * file gives: every line once, with {@code \n}, {@code \r\n} and lone {@code \r} breaks, blank
 * lines, multi-byte characters, and with or without a final line break.
 */
class LineRangeTest {
  private static List<String> lines(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static List<String> byRanges(byte[] bytes, int count) throws IOException {
    List<String> joined = new ArrayList<>();
    for (LineRange range : LineRange.split("file", bytes.length, count)) {
      int from = (int) Math.max(0, range.start() - 1);
      InputStream in = new ByteArrayInputStream(bytes, from, bytes.length - from);
      joined.addAll(lines(new RangeBytes(in, range.start(), range.end())));
    }
    return joined;
  }

  @Test
  void ranges_of_any_count_give_every_line_once_in_order() throws IOException {
    Random random = new Random(3);
    String[] breaks = {"\n", "\r\n", "\r", "\n\n"};
    String[] words = {"{\"userId\": \"u1\"}", "", "  ", "caf\u00e9 \u4e2d\u6587", "x", "{\"userId\": \"a-much-longer-user-id-0123456789\"}"};
    for (int trial = 0; trial < 40; trial++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(60);
      for (int i = 0; i < n; i++) {
        text.append(words[random.nextInt(words.length)]);
        if (i < n - 1 || random.nextBoolean()) {
          text.append(breaks[random.nextInt(breaks.length)]);
        }
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      List<String> whole = lines(new ByteArrayInputStream(bytes));
      for (int count : new int[] {1, 2, 3, 7, 64, 1000}) {
        assertThat(byRanges(bytes, count)).as("trial %d in %d ranges", trial, count).isEqualTo(whole);
      }
    }
  }

  @Test
  void an_empty_file_is_one_empty_range() {
    assertThat(LineRange.split("f", 0, 8)).containsExactly(new LineRange("f", 0, 0));
    assertThat(LineRange.split("f", 5, 8)).hasSize(5);
  }
}
