package io.tastemaker.core.semantic;

import io.tastemaker.core.data.Metadata;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue as a sparse item x term matrix: each item's row holds the words of its textual fields
 * (the same word in a title and a description is one term) and its categorical values, each weighted
 * by {@code ln(n / df)}, the row then scaled to unit length. Terms of a single item are left out:
 * they make no two items alike and would only shorten the row of the item that has them. Term
 * frequencies are binary, as {@link io.tastemaker.core.data.TextFeatures} gives distinct words.
 */
public final class TermDocuments {
  /** A term must appear in this many items to count. */
  static final int MIN_ITEMS = 2;

  private final int terms;
  private final int[][] columns;
  private final float[][] values;

  private TermDocuments(int terms, int[][] columns, float[][] values) {
    this.terms = terms;
    this.columns = columns;
    this.values = values;
  }

  /**
   * The rows of {@code ids}, in that order, from the words of {@code text} ({@code FIELD~word}
   * features) and the values of {@code categorical}; an item with neither has an empty row.
   */
  public static TermDocuments of(List<String> ids, Metadata text, Metadata categorical) {
    Map<String, Integer> termIndex = new HashMap<>();
    int[] textTerm = termsOf(text, true, termIndex);
    int[] categoricalTerm = termsOf(categorical, false, termIndex);
    int n = ids.size();
    int[][] rows = new int[n][];
    int[] documents = new int[termIndex.size()];
    for (int i = 0; i < n; i++) {
      int[] own = concat(mapped(text.featuresOf(ids.get(i)), textTerm), mapped(categorical.featuresOf(ids.get(i)), categoricalTerm));
      rows[i] = Arrays.stream(own).distinct().sorted().toArray();
      for (int t : rows[i]) {
        documents[t]++;
      }
    }
    int[] kept = new int[documents.length];
    int count = 0;
    for (int t = 0; t < documents.length; t++) {
      kept[t] = documents[t] >= MIN_ITEMS ? count++ : -1;
    }
    int[][] columns = new int[n][];
    float[][] values = new float[n][];
    for (int i = 0; i < n; i++) {
      int[] cols = Arrays.stream(rows[i]).filter(t -> kept[t] >= 0).toArray();
      float[] vals = new float[cols.length];
      double norm = 0;
      for (int k = 0; k < cols.length; k++) {
        double idf = Math.log((double) n / documents[cols[k]]);
        vals[k] = (float) idf;
        norm += idf * idf;
        cols[k] = kept[cols[k]];
      }
      for (int k = 0; k < cols.length && norm > 0; k++) {
        vals[k] = (float) (vals[k] / Math.sqrt(norm));
      }
      columns[i] = norm > 0 ? cols : new int[0];
      values[i] = norm > 0 ? vals : new float[0];
    }
    return new TermDocuments(count, columns, values);
  }

  /** Each feature's term: a text feature by its word alone, a categorical one as it is. */
  private static int[] termsOf(Metadata source, boolean words, Map<String, Integer> termIndex) {
    List<String> vocabulary = source.vocabulary();
    int[] term = new int[vocabulary.size()];
    for (int f = 0; f < term.length; f++) {
      String feature = vocabulary.get(f);
      String key = words ? "~" + feature.substring(feature.indexOf('~') + 1) : feature;
      term[f] = termIndex.computeIfAbsent(key, k -> termIndex.size());
    }
    return term;
  }

  private static int[] mapped(Optional<int[]> features, int[] term) {
    return features.map(f -> Arrays.stream(f).map(x -> term[x]).toArray()).orElse(new int[0]);
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  public int items() {
    return columns.length;
  }

  public int terms() {
    return terms;
  }

  /** Whether the item has any term that another item shares. */
  public boolean hasTerms(int item) {
    return columns[item].length > 0;
  }

  /** The item's term indices, ascending. */
  public int[] columns(int item) {
    return columns[item].clone();
  }

  /** The item's weights, in the order of {@link #columns(int)}; the row has unit length. */
  public float[] values(int item) {
    return values[item].clone();
  }

  /** {@code out[c] += row(item) . basis[t][c]} over the item's terms: the row times a terms x k matrix. */
  void project(int item, float[][] basis, float[] out) {
    int[] cols = columns[item];
    float[] vals = values[item];
    for (int k = 0; k < cols.length; k++) {
      float[] b = basis[cols[k]];
      float v = vals[k];
      for (int c = 0; c < out.length; c++) {
        out[c] += v * b[c];
      }
    }
  }

  /** {@code out[t] += row(item)[t] * y} for every term of the item: the transpose's side of a product. */
  void scatter(int item, float[] y, float[][] out) {
    int[] cols = columns[item];
    float[] vals = values[item];
    for (int k = 0; k < cols.length; k++) {
      float[] o = out[cols[k]];
      float v = vals[k];
      for (int c = 0; c < y.length; c++) {
        o[c] += v * y[c];
      }
    }
  }
}
