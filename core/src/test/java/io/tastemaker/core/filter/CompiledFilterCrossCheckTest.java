package io.tastemaker.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random catalogues, filters and requests: the compiled filter must agree with {@link NaiveFilter}. */
class CompiledFilterCrossCheckTest {
  private static final String[] GENRES = {"a", "b", "c", "d", "e", "f"};
  private static final String[] COLORS = {"r", "g", "b", "1", "2"};
  private static final String[] TYPES = {"click", "Click", "VIEW", "buy"};
  private static final FilterLimits ROOMY = new FilterLimits(20, 2500);

  private final Random random = new Random(20240611L);

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private Map<String, Object> itemRecord(String id) {
    Map<String, Object> r = new HashMap<>();
    r.put("ITEM_ID", id);
    if (chance(0.9)) {
      List<String> g = new ArrayList<>();
      for (int k = 0; k <= random.nextInt(3); k++) {
        g.add(pick(GENRES));
      }
      r.put("G", String.join("|", g));
    }
    if (chance(0.8)) {
      r.put("C", pick(COLORS));
    }
    if (chance(0.8)) {
      // Mostly numbers, some a string holding a number, rarely NaN.
      double p = random.nextInt(10) + (chance(0.2) ? 0.5 : 0);
      r.put("P", chance(0.1) ? (Object) Integer.toString((int) p) : chance(0.03) ? (Object) Double.NaN : (Object) p);
    }
    if (chance(0.7)) {
      r.put("Y", 1990 + random.nextInt(10));
    }
    return r;
  }

  private String literal(String field) {
    return switch (field) {
      case "G" -> "\"" + pick(GENRES) + "\"";
      case "C" -> "\"" + pick(COLORS) + "\"";
      case "P" -> chance(0.5) ? Integer.toString(random.nextInt(10)) : "\"" + random.nextInt(10) + "\"";
      default -> Integer.toString(1990 + random.nextInt(10));
    };
  }

  private String list(String field) {
    List<String> values = new ArrayList<>();
    for (int k = 0; k <= random.nextInt(3); k++) {
      values.add(literal(field));
    }
    return "(" + String.join(", ", values) + ")";
  }

  private String itemCondition() {
    String field = pick(new String[] {"G", "C", "P", "Y"});
    String f = "Items." + field;
    int kind = random.nextInt(10);
    return switch (kind) {
      case 0, 1 -> f + " IN " + (chance(0.3) ? "($" + (field.equals("P") || field.equals("Y") ? "N" : "V") + ")" : list(field));
      case 2 -> f + " NOT IN " + list(field);
      case 3 -> f + " = " + (chance(0.3) ? "$V" : literal(field));
      case 4 -> f + " IN CurrentItem." + pick(new String[] {"G", "C", "P"});
      case 5 -> f + " " + pick(new String[] {"<", ">="}) + " CurrentItem." + pick(new String[] {"P", "Y", "G"});
      default -> f + " " + pick(new String[] {"<", "<=", ">", ">="}) + " "
          + (chance(0.3) ? "$N" : (field.equals("Y") ? literal("Y") : Integer.toString(random.nextInt(10))));
    };
  }

  private String interactionCondition() {
    String f = "Interactions.EVENT_TYPE";
    return switch (random.nextInt(5)) {
      case 0 -> f + " IN (\"*\")";
      case 1 -> f + " IN ($E)";
      case 2 -> f + " NOT IN (\"" + pick(TYPES) + "\")";
      case 3 -> f + " = \"" + pick(TYPES).toUpperCase(Locale.ROOT) + "\"";
      default -> f + " IN (\"" + pick(TYPES) + "\", \"" + pick(TYPES) + "\")";
    };
  }

  private String filterText() {
    List<String> expressions = new ArrayList<>();
    for (int e = 0; e <= random.nextInt(3); e++) {
      boolean items = chance(0.7);
      StringBuilder s = new StringBuilder(chance(0.5) ? "INCLUDE" : "EXCLUDE").append(" ItemID WHERE ");
      int conditions = items ? 1 + random.nextInt(4) : 1 + random.nextInt(2);
      for (int c = 0; c < conditions; c++) {
        if (c > 0) {
          s.append(chance(0.5) ? " AND " : " OR ");
        }
        s.append(items ? itemCondition() : interactionCondition());
      }
      if (chance(0.3)) {
        s.append(chance(0.5) ? " IF CurrentUser.AGE > " + (10 + random.nextInt(50)) : " IF CurrentUser.T IN (\"gold\")");
        if (chance(0.3)) {
          s.append(" AND CurrentUser.AGE <= $A");
        }
      }
      expressions.add(s.toString());
    }
    return String.join(" | ", expressions);
  }

  private FilterRequest request(AttributeTable items, List<String> ids, int size) {
    FilterRequest r = FilterRequest.of(items);
    Map<String, String> values = new HashMap<>();
    if (chance(0.85)) {
      values.put("V", "\"" + pick(GENRES) + "\", \"" + pick(COLORS) + "\"");
    }
    if (chance(0.85)) {
      values.put("N", chance(0.5) ? Integer.toString(random.nextInt(10)) : "\"" + (1990 + random.nextInt(10)) + "\"");
    }
    if (chance(0.85)) {
      values.put("E", "\"" + pick(TYPES) + "\"");
    }
    if (chance(0.85)) {
      values.put("A", "\"" + (10 + random.nextInt(50)) + "\"");
    }
    r = r.withFilterValues(values);
    if (chance(0.85)) {
      r = r.withCurrentItem(chance(0.05) ? "no-record" : ids.get(random.nextInt(ids.size())));
    }
    if (chance(0.8)) {
      Map<String, Object> user = new HashMap<>();
      user.put("USER_ID", "u");
      if (chance(0.9)) {
        user.put("AGE", 10 + random.nextInt(50));
      }
      if (chance(0.5)) {
        user.put("T", chance(0.5) ? "gold|vip" : "silver");
      }
      r = r.withCurrentUser(AttributeRecord.of("USER_ID", user));
    }
    UserInteractions.Builder history = UserInteractions.builder();
    for (int k = random.nextInt(12); k > 0; k--) {
      history.add(pick(TYPES), random.nextInt(size + 3));
    }
    return r.withInteractions(history.build());
  }

  private static BitSet compiled(CompiledFilter filter, FilterRequest request) {
    try {
      return filter.mask(request).toBitSet();
    } catch (FilterValueException e) {
      return null;
    }
  }

  private static BitSet naive(FilterExpression filter, List<String> catalogue, FilterRequest request) {
    try {
      return NaiveFilter.allowed(filter, catalogue, request);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Test
  void threads_sharing_a_compiled_filter_agree_with_the_naive_one_while_tables_change() throws Exception {
    int size = 200;
    List<String> ids = new ArrayList<>();
    List<Map<String, Object>> records = new ArrayList<>();
    for (int k = 0; k < size + 20; k++) {
      ids.add("it" + k);
      records.add(itemRecord("it" + k));
    }
    List<String> catalogue = List.copyOf(ids.subList(0, size));
    AttributeTable first = AttributeTable.empty("ITEM_ID").withRecords(records);
    AttributeTable second = first.withRecords(List.of(itemRecord("it0"), itemRecord("it1"), itemRecord("it2")));
    FilterExpression filter = FilterExpression.parse(
        "INCLUDE ItemID WHERE Items.G IN ($V) OR Items.P < $N | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")"
            + " | EXCLUDE ItemID WHERE Items.C IN CurrentItem.C IF CurrentUser.AGE > 30", ROOMY);
    List<FilterRequest> requests = new ArrayList<>();
    List<BitSet> expected = new ArrayList<>();
    for (int r = 0; r < 64; r++) {
      FilterRequest request = request(r % 2 == 0 ? first : second, ids, size);
      requests.add(request);
      expected.add(naive(filter, catalogue, request));
    }
    CompiledFilter compiled = CompiledFilter.compile(filter, catalogue);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          int mismatches = 0;
          for (int i = 0; i < 4000; i++) {
            int r = (i * 7 + offset) % requests.size();
            mismatches += Objects.equals(compiled(compiled, requests.get(r)), expected.get(r)) ? 0 : 1;
          }
          return mismatches;
        }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 63, 64, 65, 130, 257})
  void the_compiled_filter_agrees_with_the_naive_one(int size) {
    List<String> ids = new ArrayList<>();
    List<Map<String, Object>> records = new ArrayList<>();
    for (int k = 0; k < size + 20; k++) {
      ids.add("it" + k);
      if (chance(0.85)) {
        records.add(itemRecord("it" + k));
      }
    }
    AttributeTable table = AttributeTable.empty("ITEM_ID").withRecords(records);
    List<String> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, random);
    List<String> catalogue = List.copyOf(shuffled.subList(0, size));

    int compared = 0;
    int masksThatFilter = 0;
    for (int f = 0; f < 200; f++) {
      FilterExpression filter = FilterExpression.parse(filterText(), ROOMY);
      CompiledFilter compiled = CompiledFilter.compile(filter, catalogue);
      for (int r = 0; r < 6; r++) {
        if (r == 3) {
          // An upsert mid-way: the compiled filter must notice the new table.
          table = table.withRecords(List.of(itemRecord(catalogue.get(random.nextInt(size)))));
        }
        FilterRequest request = request(table, ids, size);
        BitSet expected = naive(filter, catalogue, request);
        BitSet actual = compiled(compiled, request);
        assertThat(actual).as("%s with %s", filter, request).isEqualTo(expected);
        // The same request again is answered from the cache.
        assertThat(compiled(compiled, request)).as("cached %s", filter).isEqualTo(expected);
        compared++;
        if (expected != null && expected.cardinality() < size) {
          masksThatFilter++;
        }
      }
    }
    assertThat(compared).isEqualTo(1200);
    // The generator must produce filters that actually filter, or the comparison proves little.
    assertThat(masksThatFilter).isGreaterThan(size == 1 ? 60 : 400);
  }
}
