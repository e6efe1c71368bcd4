package io.tastemaker.core.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/** A column of float or double values, with a bitmap of the null rows. */
public final class DoubleColumn implements Column {
  private final String name;
  private final double[] values;
  private final BitSet nulls;

  public DoubleColumn(String name, double[] values, BitSet nulls) {
    this.name = Objects.requireNonNull(name, "name");
    this.values = values.clone();
    this.nulls = (BitSet) nulls.clone();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isNull(int row) {
    return nulls.get(row);
  }

  public double value(int row) {
    return values[row];
  }

  public double[] values() {
    return values.clone();
  }

  public BitSet nulls() {
    return (BitSet) nulls.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DoubleColumn c && name.equals(c.name) && Arrays.equals(values, c.values) && nulls.equals(c.nulls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(values), nulls);
  }

  /** Appends values one row at a time. */
  public static final class Builder {
    private final String name;
    private final BitSet nulls = new BitSet();
    private double[] values = new double[1024];
    private int size;

    public Builder(String name) {
      this.name = name;
    }

    public void append(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    public void appendNull() {
      nulls.set(size);
      append(0);
    }

    public DoubleColumn build() {
      return new DoubleColumn(name, Arrays.copyOf(values, size), nulls);
    }
  }
}
