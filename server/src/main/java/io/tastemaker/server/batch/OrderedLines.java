package io.tastemaker.server.batch;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Maps a stream of text lines to a stream of output lines on several threads, keeping the input
 * order: lines go out in blocks, at most a few blocks per thread are in flight, and blocks are
 * written as soon as they and every block before them are done. Memory stays bounded whatever the
 * input's size. Blank lines are skipped.
 */
public final class OrderedLines {
  static final int BLOCK = 256;

  private final ExecutorService pool;
  private final int inFlight;

  /** @param threads how many threads {@code pool} runs; up to four blocks each are in flight */
  public OrderedLines(ExecutorService pool, int threads) {
    this.pool = pool;
    this.inFlight = 4 * Math.max(1, threads);
  }

  /**
   * Maps every line of {@code in} to {@code out}.
   *
   * @param progress hears the number of lines written so far, after each block
   * @return the number of lines mapped
   */
  public long map(InputStream in, OutputStream out, Function<String, String> mapping, LongConsumer progress) throws IOException, InterruptedException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    Deque<Future<List<String>>> pending = new ArrayDeque<>();
    long written = 0;
    List<String> block = new ArrayList<>(BLOCK);
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      block.add(line);
      if (block.size() == BLOCK) {
        pending.add(submit(block, mapping));
        block = new ArrayList<>(BLOCK);
        while (pending.size() >= inFlight) {
          written += write(pending.poll(), writer);
          progress.accept(written);
        }
      }
    }
    if (!block.isEmpty()) {
      pending.add(submit(block, mapping));
    }
    while (!pending.isEmpty()) {
      written += write(pending.poll(), writer);
      progress.accept(written);
    }
    writer.flush();
    return written;
  }

  private Future<List<String>> submit(List<String> lines, Function<String, String> mapping) {
    return pool.submit(() -> {
      List<String> mapped = new ArrayList<>(lines.size());
      for (String l : lines) {
        mapped.add(mapping.apply(l));
      }
      return mapped;
    });
  }

  private static int write(Future<List<String>> block, BufferedWriter writer) throws IOException, InterruptedException {
    List<String> lines;
    try {
      lines = block.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a batch line could not be answered: " + e.getCause(), e.getCause());
    }
    for (String l : lines) {
      writer.write(l);
      writer.write('\n');
    }
    return lines.size();
  }
}
