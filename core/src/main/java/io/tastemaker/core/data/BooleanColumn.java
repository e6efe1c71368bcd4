package io.tastemaker.core.data;

import java.util.Arrays;
import java.util.Objects;

/** A column of booleans; each row is 1 (true), 0 (false) or -1 (null). */
public final class BooleanColumn implements Column {
  private final String name;
  private final byte[] values;

  public BooleanColumn(String name, byte[] values) {
    this.name = Objects.requireNonNull(name, "name");
    this.values = values.clone();
    for (byte v : this.values) {
      if (v < -1 || v > 1) {
        throw new IllegalArgumentException("boolean column " + name + " holds " + v);
      }
    }
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
    return values[row] < 0;
  }

  public boolean value(int row) {
    return values[row] == 1;
  }

  byte[] raw() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BooleanColumn c && name.equals(c.name) && Arrays.equals(values, c.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(values));
  }

  /** Appends values one row at a time. */
  public static final class Builder {
    private final String name;
    private byte[] values = new byte[1024];
    private int size;

    public Builder(String name) {
      this.name = name;
    }

    public void append(boolean value) {
      add((byte) (value ? 1 : 0));
    }

    public void appendNull() {
      add((byte) -1);
    }

    private void add(byte v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    public BooleanColumn build() {
      return new BooleanColumn(name, Arrays.copyOf(values, size));
    }
  }
}
