package io.tastemaker.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A partition's output lines, answered a block at a time as they are read, so that a model scores a
 * block's users together and a partition never sits in memory whole.
 */
final class AnsweredBlocks implements Iterator<String> {
  /** As many lines as the server's in-process job hands the model at once. */
  static final int BLOCK = 256;

  private final Iterator<String> input;
  private final Function<List<String>, List<String>> answer;
  private Iterator<String> answered = List.<String>of().iterator();

  /** @param answer one output line per line of a block, in order */
  AnsweredBlocks(Iterator<String> input, Function<List<String>, List<String>> answer) {
    this.input = input;
    this.answer = answer;
  }

  @Override
  public boolean hasNext() {
    while (!answered.hasNext() && input.hasNext()) {
      List<String> block = new ArrayList<>(BLOCK);
      while (block.size() < BLOCK && input.hasNext()) {
        String line = input.next();
        // Blank lines are skipped, as the server's job skips them.
        if (!line.isBlank()) {
          block.add(line);
        }
      }
      if (!block.isEmpty()) {
        answered = answer.apply(block).iterator();
      }
    }
    return answered.hasNext();
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return answered.next();
  }
}
