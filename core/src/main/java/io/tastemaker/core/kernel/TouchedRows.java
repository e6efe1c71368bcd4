package io.tastemaker.core.kernel;

import java.util.Arrays;

/**
 * The rows of a table that a batch touched, each listed once in the order first touched: what a
 * sparse update reads, sums, steps and clears instead of the whole table. Clearing costs the rows
 * listed, not the table.
 */
public final class TouchedRows {
  private final boolean[] member;
  private int[] rows = new int[64];
  private int size;

  /** An empty set over a table of {@code capacity} rows. */
  public TouchedRows(int capacity) {
    this.member = new boolean[capacity];
  }

  /** Adds a row; a row already listed stays where it is. */
  public void add(int row) {
    if (!member[row]) {
      member[row] = true;
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, Math.min(Math.max(64, 2 * size), Math.max(member.length, 1)));
      }
      rows[size++] = row;
    }
  }

  /** Adds every row of another set over a table of the same size. */
  public void addAll(TouchedRows other) {
    assert other.member.length == member.length : "tables differ: " + other.member.length + " vs " + member.length;
    for (int k = 0; k < other.size; k++) {
      add(other.rows[k]);
    }
  }

  /** Adds every row of the table. */
  public void addEverything() {
    for (int row = 0; row < member.length; row++) {
      add(row);
    }
  }

  public boolean contains(int row) {
    return member[row];
  }

  /** How many rows are listed. */
  public int size() {
    return size;
  }

  /** The k-th row listed. */
  public int get(int k) {
    return rows[k];
  }

  /** The number of rows of the table. */
  public int capacity() {
    return member.length;
  }

  /** Empties the set, in time proportional to the rows listed. */
  public void clear() {
    for (int k = 0; k < size; k++) {
      member[rows[k]] = false;
    }
    size = 0;
  }
}
