package io.tastemaker.core.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * The interactions a model trains on, with users, items and event types as dense ints, grouped by
 * user and in time order within each user (ties keep their input order). Identical events, same
 * user, item, time, type, value and context, count once. Each interaction may carry a context: the
 * categorical features of the Interactions dataset's contextual fields ({@link ContextTable}).
 *
 * <p>Stored as compact columns, since a model's data preparation holds several copies: items and
 * times take 8 bytes an interaction (times as unsigned offsets from the earliest when the span fits
 * in 32 bits, as any span up to the year 2106 does); event types, values and contexts take none when
 * no interaction has one.
 */
public final class InteractionData {
  private final List<String> userIds;
  private final List<String> itemIds;
  private final List<String> eventTypes;
  private final int[] userOffsets;
  private final int[] items;
  /** Every interaction's time, unless {@link #timeOffsets} holds them. */
  private final long[] timestamps;
  /** Times as unsigned offsets from {@link #timeBase}; empty when {@link #timestamps} holds them. */
  private final int[] timeOffsets;
  private final long timeBase;
  /** Empty when no interaction has an event type (each is -1). */
  private final int[] types;
  /** Empty when no interaction has a value (each is NaN). */
  private final float[] values;
  /** Empty when no interaction has a context (each is {@link ContextTable#NONE}). */
  private final int[] contextIds;
  private final ContextTable contexts;

  /** Times are given either as {@code timestamps} or as {@code timeOffsets} from {@code timeBase}, the other empty. */
  private InteractionData(
      List<String> userIds, List<String> itemIds, List<String> eventTypes, int[] userOffsets, int[] items, long[] timestamps, int[] timeOffsets,
      long timeBase, int[] types, float[] values, int[] contextIds, ContextTable contexts) {
    this.userIds = List.copyOf(userIds);
    this.itemIds = List.copyOf(itemIds);
    this.eventTypes = List.copyOf(eventTypes);
    this.userOffsets = userOffsets;
    this.items = items;
    this.timestamps = timestamps;
    this.timeOffsets = timeOffsets;
    this.timeBase = timeBase;
    this.types = allEqual(types, -1) ? new int[0] : types;
    this.values = allNaN(values) ? new float[0] : values;
    this.contextIds = allEqual(contextIds, ContextTable.NONE) ? new int[0] : contextIds;
    this.contexts = contexts;
  }

  private static boolean allEqual(int[] a, int value) {
    for (int x : a) {
      if (x != value) {
        return false;
      }
    }
    return true;
  }

  private static boolean allNaN(float[] a) {
    for (float x : a) {
      if (!Float.isNaN(x)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes the interactions' columns hold, for memory reports. */
  public long columnBytes() {
    return 4L * (userOffsets.length + items.length + timeOffsets.length + types.length + contextIds.length) + 4L * values.length + 8L * timestamps.length;
  }

  public int userCount() {
    return userIds.size();
  }

  public int itemCount() {
    return itemIds.size();
  }

  /** The number of interactions. */
  public int size() {
    return items.length;
  }

  public String userId(int user) {
    return userIds.get(user);
  }

  public String itemId(int item) {
    return itemIds.get(item);
  }

  public List<String> userIds() {
    return userIds;
  }

  public List<String> itemIds() {
    return itemIds;
  }

  public List<String> eventTypes() {
    return eventTypes;
  }

  /** Where a user's interactions start in the flat arrays. */
  public int start(int user) {
    return userOffsets[user];
  }

  /** Where a user's interactions end (exclusive). */
  public int end(int user) {
    return userOffsets[user + 1];
  }

  public int historyLength(int user) {
    return userOffsets[user + 1] - userOffsets[user];
  }

  /** The item of interaction {@code i}. */
  public int item(int i) {
    return items[i];
  }

  public long timestamp(int i) {
    return timestamps.length == 0 ? timeBase + Integer.toUnsignedLong(timeOffsets[i]) : timestamps[i];
  }

  /** The event type index of interaction {@code i}, -1 when it has none. */
  public int eventType(int i) {
    return types.length == 0 ? -1 : types[i];
  }

  /** The event value of interaction {@code i}, NaN when it has none. */
  public float eventValue(int i) {
    return values.length == 0 ? Float.NaN : values[i];
  }

  /** The context of interaction {@code i}, {@link ContextTable#NONE} when it has none. */
  public int context(int i) {
    return contextIds.length == 0 ? ContextTable.NONE : contextIds[i];
  }

  /** The distinct contexts of these interactions and their features. */
  public ContextTable contexts() {
    return contexts;
  }

  /** A user's items, oldest first. */
  public int[] itemsOf(int user) {
    return Arrays.copyOfRange(items, userOffsets[user], userOffsets[user + 1]);
  }

  public long[] timestampsOf(int user) {
    long[] times = new long[historyLength(user)];
    for (int k = 0; k < times.length; k++) {
      times[k] = timestamp(userOffsets[user] + k);
    }
    return times;
  }

  /**
   * The interactions of some users only, re-indexed densely; items keep their indices so that a model
   * trained on a subset still speaks the same item ids.
   */
  public InteractionData subset(int[] users) {
    Builder b = new Builder(itemIds);
    for (String type : eventTypes) {
      b.eventTypeIndex(type);
    }
    b.contexts = contexts.copy();
    long total = 0;
    for (int user : users) {
      total += historyLength(user);
    }
    b.reserve((int) total);
    for (int user : users) {
      int u = b.userIndex(userIds.get(user));
      for (int i = userOffsets[user]; i < userOffsets[user + 1]; i++) {
        b.add(u, items[i], timestamp(i), eventType(i), eventValue(i), context(i));
      }
    }
    return b.build();
  }

  /**
   * The interactions {@code kept} accepts (by index), with users and items that keep none left out
   * and the rest indexed anew in order of first use.
   */
  public InteractionData keep(java.util.function.IntPredicate kept) {
    Builder b = new Builder(List.of());
    for (String type : eventTypes) {
      b.eventTypeIndex(type);
    }
    b.contexts = contexts.copy();
    for (int user = 0; user < userIds.size(); user++) {
      for (int i = userOffsets[user]; i < userOffsets[user + 1]; i++) {
        if (kept.test(i)) {
          b.add(b.userIndex(userIds.get(user)), b.itemIndex(itemIds.get(items[i])), timestamp(i), eventType(i), eventValue(i), context(i));
        }
      }
    }
    return b.build();
  }

  /** Reads the interactions of segments of an Interactions dataset, keeping those the filter accepts. */
  public static InteractionData fromSegments(List<Segment> segments, InteractionFilter filter) {
    return fromSegments(segments, filter, Set.of());
  }

  /**
   * Reads the interactions of segments of an Interactions dataset, keeping those the filter accepts,
   * each with its context from the given categorical fields.
   */
  public static InteractionData fromSegments(List<Segment> segments, InteractionFilter filter, Set<String> contextFields) {
    return fromSegmentQueue(new ArrayDeque<>(segments), filter, contextFields);
  }

  /**
   * As {@link #fromSegments(List, InteractionFilter, Set)}, taking each segment off the queue as it
   * is read: a caller that hands over its only references lets every segment's columns (16 bytes an
   * interaction or more) go before the interactions are sorted and packed, the peak of preparing them.
   */
  public static InteractionData fromSegmentQueue(Queue<Segment> segments, InteractionFilter filter, Set<String> contextFields) {
    Builder b = new Builder(List.of());
    b.reserve(segments.stream().mapToLong(Segment::rows).sum());
    List<String> fields = contextFields.stream().sorted().toList();
    for (Segment s = segments.poll(); s != null; s = segments.poll()) {
      // A method of its own, so that no local of this frame holds the last segment's columns through build().
      add(b, s, filter, fields);
    }
    return b.build();
  }

  /** Adds the rows of one segment that the filter accepts. */
  private static void add(Builder b, Segment s, InteractionFilter filter, List<String> fields) {
    StringColumn users = s.strings("USER_ID");
    StringColumn itemColumn = s.strings("ITEM_ID");
    LongColumn times = s.longs("TIMESTAMP");
    Optional<Column> typeColumn = s.column("EVENT_TYPE");
    Optional<Column> valueColumn = s.column("EVENT_VALUE");
    // Ids get their index on first accepted use, so filtered-out users and items never appear.
    int[] userMap = unmapped(users.dictionary().size());
    int[] itemMap = unmapped(itemColumn.dictionary().size());
    StringColumn typeStrings = typeColumn.map(StringColumn.class::cast).orElse(null);
    int[] typeMap = typeStrings == null ? new int[0] : map(typeStrings.dictionary(), b::eventTypeIndex);
    DoubleColumn valueDoubles = valueColumn.map(DoubleColumn.class::cast).orElse(null);
    SegmentContexts rowContexts = new SegmentContexts(s, fields, b.contexts);
    for (int row = 0; row < s.rows(); row++) {
      int type = typeStrings == null || typeStrings.isNull(row) ? -1 : typeMap[typeStrings.code(row)];
      double value = valueDoubles == null || valueDoubles.isNull(row) ? Double.NaN : valueDoubles.value(row);
      if (!filter.accepts(type < 0 ? "" : b.eventTypes.get(type), value)) {
        continue;
      }
      int userCode = users.code(row);
      int itemCode = itemColumn.code(row);
      if (userMap[userCode] < 0) {
        userMap[userCode] = b.userIndex(users.dictionary().get(userCode));
      }
      if (itemMap[itemCode] < 0) {
        itemMap[itemCode] = b.itemIndex(itemColumn.dictionary().get(itemCode));
      }
      b.add(userMap[userCode], itemMap[itemCode], times.value(row), type, (float) value, rowContexts.context(row));
    }
  }

  private static int[] unmapped(int size) {
    int[] map = new int[size];
    Arrays.fill(map, -1);
    return map;
  }

  private static int[] map(List<String> dictionary, java.util.function.ToIntFunction<String> index) {
    int[] map = new int[dictionary.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = index.applyAsInt(dictionary.get(i));
    }
    return map;
  }

  /** The context of each row of a segment, from its contextual columns' dictionaries. */
  private static final class SegmentContexts {
    private final List<StringColumn> columns = new ArrayList<>();
    /** Per column, per dictionary code: the features of that value. */
    private final List<int[][]> featuresByCode = new ArrayList<>();
    private final ContextTable table;
    /** The context of a row whose only contextual column has this code, when there is one column. */
    private final int[] singleColumnContext;

    SegmentContexts(Segment s, List<String> fields, ContextTable table) {
      this.table = table;
      for (String field : fields) {
        s.column(field).filter(StringColumn.class::isInstance).map(StringColumn.class::cast).ifPresent(column -> {
          columns.add(column);
          int[][] byCode = new int[column.dictionary().size()][];
          for (int code = 0; code < byCode.length; code++) {
            byCode[code] = ContextTable.featuresOf(field, column.dictionary().get(code)).stream().mapToInt(table::featureIndex).toArray();
          }
          featuresByCode.add(byCode);
        });
      }
      if (columns.size() == 1) {
        int[][] byCode = featuresByCode.get(0);
        singleColumnContext = new int[byCode.length];
        for (int code = 0; code < byCode.length; code++) {
          singleColumnContext[code] = table.intern(byCode[code]);
        }
      } else {
        singleColumnContext = null;
      }
    }

    int context(int row) {
      if (columns.isEmpty()) {
        return ContextTable.NONE;
      }
      if (singleColumnContext != null) {
        StringColumn column = columns.get(0);
        return column.isNull(row) ? ContextTable.NONE : singleColumnContext[column.code(row)];
      }
      int[] features = new int[0];
      for (int c = 0; c < columns.size(); c++) {
        StringColumn column = columns.get(c);
        if (!column.isNull(row)) {
          int[] more = featuresByCode.get(c)[column.code(row)];
          int at = features.length;
          features = Arrays.copyOf(features, at + more.length);
          System.arraycopy(more, 0, features, at, more.length);
        }
      }
      return table.intern(features);
    }
  }

  /** Collects interactions in any order; {@link #build()} groups and sorts them. */
  public static final class Builder {
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final List<String> users = new ArrayList<>();
    private final List<String> itemList = new ArrayList<>();
    private final List<String> eventTypes = new ArrayList<>();
    private int[] u = new int[1024];
    private int[] it = new int[1024];
    private long[] ts = new long[1024];
    // Allocated at the first interaction that has an event type, a value or a context.
    private int[] ty;
    private float[] va;
    private int[] cx;
    private ContextTable contexts = new ContextTable();
    private int size;

    /** A builder whose first items are {@code knownItems}, in that order. */
    public Builder(List<String> knownItems) {
      knownItems.forEach(this::itemIndex);
    }

    public int userIndex(String id) {
      return userIndex.computeIfAbsent(id, k -> {
        users.add(k);
        return users.size() - 1;
      });
    }

    public int itemIndex(String id) {
      return itemIndex.computeIfAbsent(id, k -> {
        itemList.add(k);
        return itemList.size() - 1;
      });
    }

    public int eventTypeIndex(String type) {
      return typeIndex.computeIfAbsent(type, k -> {
        eventTypes.add(k);
        return eventTypes.size() - 1;
      });
    }

    /** Adds an interaction by ids; {@code eventType} may be empty, {@code value} NaN. */
    public void add(String user, String item, long timestamp, Optional<String> eventType, double value) {
      add(user, item, timestamp, eventType, value, List.of());
    }

    /** Adds an interaction by ids in a context given as features, {@code FIELD=value}. */
    public void add(String user, String item, long timestamp, Optional<String> eventType, double value, List<String> context) {
      add(userIndex(user), itemIndex(item), timestamp, eventType.map(this::eventTypeIndex).orElse(-1), (float) value, contexts.intern(context));
    }

    /** Makes room for {@code total} interactions in all, so that a known count is stored without regrowing. */
    void reserve(long total) {
      if (total > u.length) {
        grow((int) Math.min(Integer.MAX_VALUE - 16, total));
      }
    }

    private void grow(int capacity) {
      u = Arrays.copyOf(u, capacity);
      it = Arrays.copyOf(it, capacity);
      ts = Arrays.copyOf(ts, capacity);
      ty = ty == null ? null : grown(ty, capacity, -1);
      va = va == null ? null : grown(va, capacity);
      cx = cx == null ? null : grown(cx, capacity, ContextTable.NONE);
    }

    private static int[] grown(int[] a, int capacity, int fill) {
      int[] b = Arrays.copyOf(a, capacity);
      Arrays.fill(b, a.length, capacity, fill);
      return b;
    }

    private static float[] grown(float[] a, int capacity) {
      float[] b = Arrays.copyOf(a, capacity);
      Arrays.fill(b, a.length, capacity, Float.NaN);
      return b;
    }

    void add(int user, int item, long timestamp, int type, float value, int context) {
      if (size == u.length) {
        grow(size * 2);
      }
      u[size] = user;
      it[size] = item;
      ts[size] = timestamp;
      if (type != -1 || ty != null) {
        if (ty == null) {
          ty = grown(new int[0], u.length, -1);
        }
        ty[size] = type;
      }
      if (!Float.isNaN(value) || va != null) {
        if (va == null) {
          va = grown(new float[0], u.length);
        }
        va[size] = value;
      }
      if (context != ContextTable.NONE || cx != null) {
        if (cx == null) {
          cx = grown(new int[0], u.length, ContextTable.NONE);
        }
        cx[size] = context;
      }
      size++;
    }

    private int typeOf(int i) {
      return ty == null ? -1 : ty[i];
    }

    private float valueOf(int i) {
      return va == null ? Float.NaN : va[i];
    }

    private int contextOf(int i) {
      return cx == null ? ContextTable.NONE : cx[i];
    }

    public InteractionData build() {
      int userCount = users.size();
      int[] offsets = new int[userCount + 1];
      for (int i = 0; i < size; i++) {
        offsets[u[i] + 1]++;
      }
      for (int i = 0; i < userCount; i++) {
        offsets[i + 1] += offsets[i];
      }
      // Counting sort by user keeps input order within a user; then order each user's run by time.
      int[] order = new int[size];
      int[] next = Arrays.copyOf(offsets, userCount);
      for (int i = 0; i < size; i++) {
        order[next[u[i]]++] = i;
      }
      for (int user = 0; user < userCount; user++) {
        sortByTime(order, offsets[user], offsets[user + 1]);
      }
      // The kept interactions, as indices into the raw ones; only the columns that exist are copied.
      int[] keptRaw = order;
      int[] kept = new int[userCount + 1];
      int n = 0;
      for (int user = 0; user < userCount; user++) {
        int runStart = n;
        for (int k = offsets[user]; k < offsets[user + 1]; k++) {
          int i = order[k];
          if (isDuplicate(keptRaw, runStart, n, i)) {
            continue;
          }
          keptRaw[n++] = i;
        }
        kept[user + 1] = n;
      }
      int[] items = new int[n];
      // Times that span under 2^32 seconds (136 years) are stored as 4-byte offsets, written so
      // directly: a long copy of them first would be 8 more bytes an interaction at the peak of
      // preparing 100M of them. A duplicate shares its kept twin's time, so the raw span is the kept one.
      long minTime = Long.MAX_VALUE;
      long maxTime = Long.MIN_VALUE;
      for (int i = 0; i < size; i++) {
        minTime = Math.min(minTime, ts[i]);
        maxTime = Math.max(maxTime, ts[i]);
      }
      boolean narrow = n == 0 || (maxTime - minTime >= 0 && maxTime - minTime <= 0xFFFF_FFFFL);
      long base = n == 0 ? 0 : minTime;
      long[] times = new long[narrow ? 0 : n];
      int[] offsets32 = new int[narrow ? n : 0];
      int[] types = new int[ty == null ? 0 : n];
      float[] values = new float[va == null ? 0 : n];
      int[] contextIds = new int[cx == null ? 0 : n];
      for (int k = 0; k < n; k++) {
        int i = keptRaw[k];
        items[k] = it[i];
        if (narrow) {
          offsets32[k] = (int) (ts[i] - base);
        } else {
          times[k] = ts[i];
        }
      }
      for (int k = 0; k < types.length; k++) {
        types[k] = ty[keptRaw[k]];
      }
      for (int k = 0; k < values.length; k++) {
        values[k] = va[keptRaw[k]];
      }
      for (int k = 0; k < contextIds.length; k++) {
        contextIds[k] = cx[keptRaw[k]];
      }
      return new InteractionData(users, itemList, eventTypes, kept, items, times, offsets32, base, types, values, contextIds, contexts.copy());
    }

    /** Whether raw interaction {@code i} repeats one already kept (raw indices kept[runStart, n)) at the same time for this user. */
    private boolean isDuplicate(int[] kept, int runStart, int n, int i) {
      for (int j = n - 1; j >= runStart && ts[kept[j]] == ts[i]; j--) {
        int k = kept[j];
        if (it[k] == it[i] && typeOf(k) == typeOf(i) && Float.compare(valueOf(k), valueOf(i)) == 0 && contextOf(k) == contextOf(i)) {
          return true;
        }
      }
      return false;
    }

    private void sortByTime(int[] order, int from, int to) {
      boolean sorted = true;
      for (int k = from + 1; k < to && sorted; k++) {
        sorted = ts[order[k - 1]] <= ts[order[k]];
      }
      if (sorted) {
        return;
      }
      // Stable: ties keep input order, which the indices in order[] already follow.
      Integer[] boxed = new Integer[to - from];
      for (int k = from; k < to; k++) {
        boxed[k - from] = order[k];
      }
      Arrays.sort(boxed, (a, b) -> {
        int byTime = Long.compare(ts[a], ts[b]);
        return byTime != 0 ? byTime : Integer.compare(a, b);
      });
      for (int k = from; k < to; k++) {
        order[k] = boxed[k - from];
      }
    }
  }
}
