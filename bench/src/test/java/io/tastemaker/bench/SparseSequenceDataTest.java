package io.tastemaker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sparse generator writes what it promises, in a form bench sasrec reads and names. */
class SparseSequenceDataTest {
  @TempDir Path dir;

  @Test
  void the_data_is_sparse_power_law_and_sequential_and_bench_sasrec_reads_it_under_its_name() throws Exception {
    long actions = SparseSequenceData.write(dir, SparseSequenceData.SEED);
    MovieLens1mSasrec data = MovieLens1mSasrec.load(dir);
    assertThat(data.name).isEqualTo(SparseSequenceData.NAME);
    assertThat(data.isMovieLens()).isFalse();
    assertThat(data.users()).isEqualTo(SparseSequenceData.USERS);
    assertThat(data.exact).hasSize(SparseSequenceData.EVALUATED);
    assertThat((double) actions / SparseSequenceData.USERS).isBetween(6.5, 7.5);

    long[] counts = new long[SparseSequenceData.ITEMS + 1];
    long pairs = 0;
    long sameCluster = 0;
    int perCluster = SparseSequenceData.ITEMS / SparseSequenceData.CLUSTERS;
    for (int[] seq : data.exact.values()) {
      for (int p = 0; p < seq.length; p++) {
        counts[seq[p]]++;
        if (p > 0) {
          pairs++;
          if ((seq[p] - 1) / perCluster == (seq[p - 1] - 1) / perCluster) {
            sameCluster++;
          }
        }
      }
    }
    // Half the steps follow a successor in the item's cluster, 30% draw from the home cluster: more
    // than half the steps stay in the cluster, where a draw by popularity alone stays in 1 of 200.
    assertThat((double) sameCluster / pairs).isGreaterThan(0.55);
    long[] sorted = counts.clone();
    Arrays.sort(sorted);
    long total = Arrays.stream(sorted).sum();
    long top = Arrays.stream(sorted, sorted.length - SparseSequenceData.ITEMS / 100, sorted.length).sum();
    assertThat((double) top / total).as("the top 1% of items' share of actions").isGreaterThan(0.05);
    assertThat(Files.readString(dir.resolve("ml-1m-sasrec").resolve("dataset_stats.json"))).contains("\"num_users\": 30000");
    // The same seed writes the same bytes.
    Path again = dir.resolve("again");
    SparseSequenceData.write(again, SparseSequenceData.SEED);
    assertThat(Files.readAllBytes(again.resolve("ml-1m-sasrec").resolve("train_input.txt")))
        .isEqualTo(Files.readAllBytes(dir.resolve("ml-1m-sasrec").resolve("train_input.txt")));
  }
}
