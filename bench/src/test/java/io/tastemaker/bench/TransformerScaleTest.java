package io.tastemaker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformerScaleTest {
  @Test
  void the_catalogue_holds_every_item_even_those_nobody_met() throws Exception {
    InteractionData data = TransformerScale.shop(5_000, 2_000);
    assertThat(data.itemCount()).isEqualTo(5_000);
    assertThat(data.size()).isEqualTo(2_000);
    // A power law over 5,000 items leaves most of them without an interaction in 2,000 draws.
    long met = java.util.stream.IntStream.range(0, data.userCount()).flatMap(u -> java.util.Arrays.stream(data.itemsOf(u))).distinct().count();
    assertThat(met).isLessThan(5_000);
  }

  @Test
  void a_small_run_prints_one_measured_row_per_size() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      TransformerScale.run(List.of("300"), Map.of("interactions", "3000", "epochs", "1"));
    } finally {
      System.setOut(out);
    }
    String table = captured.toString(StandardCharsets.UTF_8);
    assertThat(table).containsPattern("\\| 300 \\| [0-9,]+ \\| \\d+ / \\d+ \\| [0-9,.]+ [MG]B \\| [0-9,.]+ [MG]B \\| [0-9,.]+ MB \\| [0-9.]+ / [0-9.]+ ms \\| [0-9.]+ / [0-9.]+ ms \\|");
  }
}
