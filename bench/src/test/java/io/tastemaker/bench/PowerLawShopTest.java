package io.tastemaker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerLawShopTest {
  @TempDir Path dir;

  @Test
  void the_catalogue_grows_as_the_issues_shops_did() {
    assertThat(PowerLawShop.sized(1_000_000, 1).items()).isEqualTo(20_000);
    assertThat(PowerLawShop.sized(10_000_000, 1).items()).isEqualTo(265_000);
    assertThat(PowerLawShop.sized(100_000_000, 1).items()).isEqualTo(750_000);
    assertThat(PowerLawShop.sized(500_000, 1).items()).isEqualTo(10_000);
    assertThat(PowerLawShop.sized(3_000_000, 1).items()).isBetween(20_000, 96_000);
  }

  @Test
  void the_same_seed_writes_the_same_file_and_another_seed_another() throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Path c = dir.resolve("c.csv");
    new PowerLawShop(20_000, 1_000, 7).write(a);
    new PowerLawShop(20_000, 1_000, 7).write(b);
    new PowerLawShop(20_000, 1_000, 8).write(c);
    assertThat(Files.mismatch(a, b)).isEqualTo(-1);
    assertThat(Files.mismatch(a, c)).isNotEqualTo(-1);
  }

  @Test
  void it_writes_exactly_the_rows_asked_with_popularity_falling_like_a_power_law() throws Exception {
    Path csv = dir.resolve("shop.csv");
    long users = new PowerLawShop(100_000, 5_000, 3).write(csv);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("USER_ID,ITEM_ID,TIMESTAMP");
    assertThat(lines).hasSize(100_001);
    Map<String, Integer> counts = new HashMap<>();
    Set<String> userIds = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      userIds.add(f[0]);
      counts.merge(f[1], 1, Integer::sum);
    }
    assertThat((long) userIds.size()).isEqualTo(users);
    assertThat(100_000.0 / users).isBetween(40.0, 60.0);
    List<Integer> sorted = counts.values().stream().sorted((x, y) -> y - x).toList();
    // Zipf-like: the top 1% of items take far more than 1% of the interactions, and most items appear.
    int top = sorted.subList(0, 50).stream().mapToInt(Integer::intValue).sum();
    assertThat(top).isGreaterThan(10_000);
    assertThat(counts.size()).isGreaterThan(2_500);
  }

  @Test
  void sizes_read_as_people_write_them() {
    assertThat(ScaleBenchmark.size("1M")).isEqualTo(1_000_000);
    assertThat(ScaleBenchmark.size("500k")).isEqualTo(500_000);
    assertThat(ScaleBenchmark.size("100m")).isEqualTo(100_000_000);
    assertThatThrownBy(() -> ScaleBenchmark.size("lots")).hasMessageContaining("got lots");
    assertThatThrownBy(() -> ScaleBenchmark.size("5")).hasMessageContaining("[1k, 3000M]");
  }
}
