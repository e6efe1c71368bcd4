package io.tastemaker.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The textual fields of an Items dataset as a bag of words: each distinct word of a field ({@code
 * DESCRIPTION~haunted}) is one feature of the item, so a model weighs words as it weighs categorical
 * values. Words are the runs of letters and digits, lower-cased, at least two characters, without a
 * short list of English function words; a later record replaces an earlier one with the same id.
 * No stemming and no pretrained vectors: the representation is built from the catalogue alone.
 */
public final class TextFeatures {
  /** Words that say nothing about an item in any catalogue. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her", "his", "in", "into", "is",
          "it", "its", "of", "on", "or", "she", "that", "the", "their", "them", "they", "this", "to", "was", "were", "who", "will", "with");

  private TextFeatures() {}

  /**
   * The words of the textual fields of every item.
   *
   * @param textual the textual fields to read; none gives {@link Metadata#EMPTY}
   */
  public static Metadata fromSegments(List<Segment> segments, String idField, Set<String> textual) {
    if (textual.isEmpty()) {
      return Metadata.EMPTY;
    }
    List<String> fields = textual.stream().sorted().toList();
    Map<String, List<String>> latest = new LinkedHashMap<>();
    for (Segment s : segments) {
      StringColumn ids = s.strings(idField);
      List<StringColumn> columns = new ArrayList<>();
      for (String field : fields) {
        s.column(field).filter(StringColumn.class::isInstance).map(StringColumn.class::cast).ifPresent(columns::add);
      }
      for (int row = 0; row < s.rows(); row++) {
        List<String> words = new ArrayList<>();
        for (StringColumn column : columns) {
          if (!column.isNull(row)) {
            for (String word : words(column.value(row))) {
              words.add(column.name() + "~" + word);
            }
          }
        }
        latest.put(ids.value(row), words);
      }
    }
    return Metadata.of(latest);
  }

  /** The distinct words of a text, in order of first appearance. */
  public static List<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    String lower = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int k = 0; k <= lower.length(); k++) {
      boolean letter = k < lower.length() && Character.isLetterOrDigit(lower.charAt(k));
      if (letter && start < 0) {
        start = k;
      } else if (!letter && start >= 0) {
        String word = lower.substring(start, k);
        if (word.length() >= 2 && !STOP_WORDS.contains(word)) {
          words.add(word);
        }
        start = -1;
      }
    }
    return List.copyOf(words);
  }
}
