package io.tastemaker.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedLinesTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void a_block_mapping_sees_whole_blocks_in_order_and_its_lines_come_out_in_input_order() throws Exception {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      input.append("line-").append(i).append('\n');
    }
    List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long mapped = new OrderedLines(pool, 3).mapBlocks(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), out, block -> {
      sizes.add(block.size());
      return block.stream().map(l -> "out-" + l.substring(5)).toList();
    }, n -> {});
    assertThat(mapped).isEqualTo(1_000);
    assertThat(sizes).hasSize(4).allMatch(n -> n == OrderedLines.BLOCK || n == 1_000 % OrderedLines.BLOCK);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).isEqualTo("out-" + i);
    }
  }

  @Test
  void a_block_mapping_that_loses_lines_fails_the_map() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OrderedLines(pool, 3).mapBlocks(
            new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), block -> block.subList(0, 1), n -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a block of 2 lines was mapped to 1 lines");
  }

  @Test
  void lines_come_out_in_input_order_however_long_each_takes() throws Exception {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      input.append("line-").append(i).append('\n');
      if (i % 1_000 == 0) {
        input.append("   \n");
      }
    }
    SplittableRandom random = new SplittableRandom(4);
    long[] delays = new long[5_000];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = random.nextInt(20) == 0 ? 200_000 : 0;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> progress = new ArrayList<>();
    long mapped = new OrderedLines(pool, 3).map(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), out, line -> {
      int i = Integer.parseInt(line.substring(5));
      long until = System.nanoTime() + delays[i];
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      return "out-" + i;
    }, progress::add);
    assertThat(mapped).isEqualTo(5_000);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(5_000);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).isEqualTo("out-" + i);
    }
    assertThat(progress).isSorted().last().isEqualTo(5_000L);
  }

  @Test
  void only_a_few_blocks_per_thread_are_ever_ahead_of_the_output() throws Exception {
    // An endless-looking input: 200,000 lines produced on demand, never held whole.
    int total = 200_000;
    InputStream input = new InputStream() {
      private byte[] line = new byte[0];
      private int at;
      private int produced;

      @Override
      public int read() {
        if (at == line.length) {
          if (produced == total) {
            return -1;
          }
          line = ("{\"userId\":\"" + produced++ + "\"}\n").getBytes(StandardCharsets.UTF_8);
          at = 0;
        }
        return line[at++];
      }
    };
    AtomicLong mappedLines = new AtomicLong();
    AtomicLong written = new AtomicLong();
    AtomicLong mostAhead = new AtomicLong();
    OutputStream output = new OutputStream() {
      @Override
      public void write(int b) {
        if (b == '\n') {
          written.incrementAndGet();
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
          write(b[i]);
        }
      }
    };
    new OrderedLines(pool, 3).map(input, output, line -> {
      long ahead = mappedLines.incrementAndGet() - written.get();
      mostAhead.accumulateAndGet(ahead, Math::max);
      return line;
    }, done -> {});
    assertThat(written.get()).isEqualTo(total);
    // Four blocks per thread in flight, plus the writer's 64 KB buffer of lines not yet flushed.
    assertThat(mostAhead.get()).isLessThanOrEqualTo(4L * 3 * OrderedLines.BLOCK + 64 * 1024 / 10 + OrderedLines.BLOCK);
  }
}
