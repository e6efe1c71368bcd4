package io.tastemaker.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The impressions of an Interactions dataset: for each interaction that carries an {@code
 * IMPRESSION} value, the items the user was shown ({@code |}-separated ids) and the one chosen.
 * Shown items that were not chosen are the evidence against an item that plain interactions lack.
 */
public final class Impressions {
  /** No impressions at all. */
  public static final Impressions NONE = new Impressions(List.of());

  /**
   * One interaction with what was shown beside it.
   *
   * @param userId who was shown the items
   * @param chosenItemId the item the interaction is with
   * @param shown the distinct items shown, in the order given
   * @param timestamp the interaction's time, epoch seconds
   */
  public record Shown(String userId, String chosenItemId, List<String> shown, long timestamp) {
    public Shown {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(chosenItemId, "chosenItemId");
      shown = List.copyOf(shown);
    }
  }

  private final List<Shown> all;

  public Impressions(List<Shown> all) {
    this.all = List.copyOf(all);
  }

  /** The impressions in the segments' rows with an {@code IMPRESSION} value; segments without the column give none. */
  public static Impressions fromSegments(Collection<Segment> segments) {
    List<Shown> all = new ArrayList<>();
    for (Segment s : segments) {
      if (s.column("IMPRESSION").isEmpty() || !(s.column("IMPRESSION").get() instanceof StringColumn impression)) {
        continue;
      }
      StringColumn users = s.strings("USER_ID");
      StringColumn items = s.strings("ITEM_ID");
      LongColumn times = s.longs("TIMESTAMP");
      for (int r = 0; r < s.rows(); r++) {
        if (impression.isNull(r) || users.isNull(r) || items.isNull(r) || times.isNull(r)) {
          continue;
        }
        List<String> shown = split(impression.value(r));
        if (!shown.isEmpty()) {
          all.add(new Shown(users.value(r), items.value(r), shown, times.value(r)));
        }
      }
    }
    return new Impressions(all);
  }

  /** The distinct ids of an {@code IMPRESSION} value such as {@code 73|12|9}; blanks around ids and empty ids are dropped. */
  public static List<String> split(String value) {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : value.split("\\|")) {
      String trimmed = id.strip();
      if (!trimmed.isEmpty()) {
        ids.add(trimmed);
      }
    }
    return List.copyOf(ids);
  }

  public List<Shown> all() {
    return all;
  }

  public int size() {
    return all.size();
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** The impressions of the users {@code keep} accepts, such as the training users of an evaluation split. */
  public Impressions ofUsers(Predicate<String> keep) {
    return new Impressions(all.stream().filter(s -> keep.test(s.userId())).toList());
  }

  /** These impressions followed by {@code more}. */
  public Impressions plus(Impressions more) {
    List<Shown> both = new ArrayList<>(all);
    both.addAll(more.all);
    return new Impressions(both);
  }
}
