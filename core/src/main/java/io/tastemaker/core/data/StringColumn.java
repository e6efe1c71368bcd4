package io.tastemaker.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dictionary-encoded string column: each row holds a code into {@link #dictionary()}, or
 * {@link #NULL} for null. Ids repeat a lot, so this is both compact and fast to load.
 */
public final class StringColumn implements Column {
  public static final int NULL = -1;

  private final String name;
  private final int[] codes;
  private final List<String> dictionary;

  public StringColumn(String name, int[] codes, List<String> dictionary) {
    this.name = Objects.requireNonNull(name, "name");
    this.codes = codes.clone();
    this.dictionary = List.copyOf(dictionary);
    for (int code : this.codes) {
      if (code < NULL || code >= this.dictionary.size()) {
        throw new IllegalArgumentException("column " + name + " has code " + code + " outside its dictionary of " + this.dictionary.size());
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return codes.length;
  }

  @Override
  public boolean isNull(int row) {
    return codes[row] == NULL;
  }

  /** The code of a row, {@link #NULL} for null. */
  public int code(int row) {
    return codes[row];
  }

  /** A copy of every row's code. */
  public int[] codes() {
    return codes.clone();
  }

  public List<String> dictionary() {
    return dictionary;
  }

  /** The value of a row; only for rows that are not null. */
  public String value(int row) {
    return dictionary.get(codes[row]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StringColumn c && name.equals(c.name) && Arrays.equals(codes, c.codes) && dictionary.equals(c.dictionary);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(codes), dictionary);
  }

  /** Appends values one row at a time, building the dictionary as it goes. */
  public static final class Builder {
    private final String name;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> dictionary = new ArrayList<>();
    private int[] codes = new int[1024];
    private int size;

    public Builder(String name) {
      this.name = name;
    }

    public void append(String value) {
      Integer code = index.get(value);
      if (code == null) {
        code = dictionary.size();
        index.put(value, code);
        dictionary.add(value);
      }
      add(code);
    }

    public void appendNull() {
      add(NULL);
    }

    private void add(int code) {
      if (size == codes.length) {
        codes = Arrays.copyOf(codes, size * 2);
      }
      codes[size++] = code;
    }

    public int size() {
      return size;
    }

    public StringColumn build() {
      return new StringColumn(name, Arrays.copyOf(codes, size), dictionary);
    }
  }
}
