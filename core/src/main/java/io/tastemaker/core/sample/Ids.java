package io.tastemaker.core.sample;

/** Readable external ids such as {@code user-0001}: numbered from 1, zero-padded to one width. */
final class Ids {

  private static final int MIN_DIGITS = 4;

  private Ids() {}

  /** Ids {@code prefix-0001} to {@code prefix-n}, with at least four digits. */
  static String[] numbered(String prefix, int n) {
    int width = Math.max(MIN_DIGITS, Integer.toString(n).length());
    String[] ids = new String[n];
    StringBuilder id = new StringBuilder(prefix.length() + 1 + width);
    for (int i = 0; i < n; i++) {
      String number = Integer.toString(i + 1);
      id.setLength(0);
      id.append(prefix).append('-').append("0".repeat(width - number.length())).append(number);
      ids[i] = id.toString();
    }
    return ids;
  }
}
