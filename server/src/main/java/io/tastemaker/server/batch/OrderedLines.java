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
 * input's size. Blank lines are skipped. A mapping may take a whole block at once ({@link
 * #mapBlocks}), so that a model scores the block's users together.
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

  /** A block mapping that maps each line on its own. */
  public static Function<List<String>, List<String>> eachLine(Function<String, String> mapping) {
    return lines -> {
      List<String> mapped = new ArrayList<>(lines.size());
      for (String l : lines) {
        mapped.add(mapping.apply(l));
      }
      return mapped;
    };
  }

  /**
   * Maps every line of {@code in} to {@code out}.
   *
   * @param progress hears the number of lines written so far, after each block
   * @return the number of lines mapped
   */
  public long map(InputStream in, OutputStream out, Function<String, String> mapping, LongConsumer progress) throws IOException, InterruptedException {
    return mapBlocks(in, out, eachLine(mapping), progress);
  }

  /**
   * Maps every line of {@code in} to {@code out}, up to {@link #BLOCK} lines in a call.
   *
   * @param mapping one output line for each line of a block, in the block's order
   * @param progress hears the number of lines written so far, after each block
   * @return the number of lines mapped
   */
  public long mapBlocks(InputStream in, OutputStream out, Function<List<String>, List<String>> mapping, LongConsumer progress)
      throws IOException, InterruptedException {
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

  private Future<List<String>> submit(List<String> lines, Function<List<String>, List<String>> mapping) {
    return pool.submit(() -> {
      List<String> mapped = mapping.apply(lines);
      if (mapped.size() != lines.size()) {
        throw new IllegalStateException("a block of " + lines.size() + " lines was mapped to " + mapped.size() + " lines");
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
