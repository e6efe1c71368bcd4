package io.tastemaker.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.domain.Domain;
import io.tastemaker.core.domain.DomainSchemaRules;
import io.tastemaker.core.domain.UseCases;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.DatasetSchemaRules;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.schema.SchemaField;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ShopSampleTest {

  private static final ShopSample.Config DEFAULTS = ShopSample.Config.defaults();
  private static final ShopSample SAMPLE = ShopSample.generate(DEFAULTS);
  private static final SampleFiles FILES = SampleFiles.of(SAMPLE);
  private static final long START = DEFAULTS.startEpochSeconds();
  private static final long DAY = 86_400;

  // --- determinism

  @Test
  void the_same_seed_gives_identical_csv_text() {
    SampleFiles again = SampleFiles.of(ShopSample.generate(ShopSample.Config.defaults()));

    assertThat(again.interactions()).isEqualTo(FILES.interactions());
    assertThat(again.items()).isEqualTo(FILES.items());
    assertThat(again.users()).isEqualTo(FILES.users());
  }

  @Test
  void a_different_seed_gives_different_csv_text() {
    SampleFiles other = SampleFiles.of(ShopSample.generate(DEFAULTS.withSeed(43)));

    assertThat(other.interactions()).isNotEqualTo(FILES.interactions());
    assertThat(other.items()).isNotEqualTo(FILES.items());
    assertThat(other.users()).isNotEqualTo(FILES.users());
  }

  // --- size and shape

  @Test
  void the_defaults_give_2000_users_600_items_and_60k_to_120k_interactions() {
    assertThat(SAMPLE.userIds()).hasSize(2_000).startsWith("user-0001").endsWith("user-2000");
    assertThat(SAMPLE.itemIds()).hasSize(600).startsWith("item-0001").endsWith("item-0600");
    assertThat(SAMPLE.interactionCount()).isBetween(60_000, 120_000);
    assertThat(FILES.events()).hasSize(SAMPLE.interactionCount());
  }

  @Test
  void headers_are_exact_and_lines_end_with_a_line_feed() {
    assertThat(FILES.interactions()).startsWith("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n");
    assertThat(FILES.items()).startsWith("ITEM_ID,TITLE,CATEGORY,PRICE,CREATION_TIMESTAMP\n");
    assertThat(FILES.users()).startsWith("USER_ID,AGE_GROUP,MEMBERSHIP\n");
    for (String text : List.of(FILES.interactions(), FILES.items(), FILES.users())) {
      assertThat(text).endsWith("\n").doesNotContain("\r");
    }
  }

  @Test
  void the_users_file_has_one_row_per_user_with_known_age_groups_and_memberships() {
    List<List<String>> rows = CsvRows.parse(FILES.users());

    assertThat(rows).hasSize(1 + 2_000);
    List<String> ids = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      assertThat(row).hasSize(3);
      ids.add(row.get(0));
      assertThat(row.get(1)).isIn("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
      assertThat(row.get(2)).isIn("basic", "premium");
    }
    assertThat(ids).isEqualTo(SAMPLE.userIds());
  }

  @Test
  void the_items_file_matches_the_accessors_and_prices_have_two_decimals() {
    List<List<String>> rows = CsvRows.parse(FILES.items());

    assertThat(rows).hasSize(1 + 600);
    List<String> ids = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      assertThat(row).hasSize(5);
      String item = row.get(0);
      ids.add(item);
      assertThat(row.get(1)).isEqualTo(SAMPLE.titleOf(item));
      assertThat(row.get(2)).isEqualTo(SAMPLE.categoryOf().get(item));
      assertThat(row.get(3)).matches("[1-9][0-9]*\\.[0-9]{2}");
      assertThat(Long.parseLong(row.get(4))).isBetween(START - 2 * 366 * DAY, START - DAY);
    }
    assertThat(ids).isEqualTo(SAMPLE.itemIds());
    assertThat(SAMPLE.categoryOf().keySet()).containsExactlyElementsOf(SAMPLE.itemIds());
    assertThat(new HashSet<>(SAMPLE.categoryOf().values())).hasSize(12);
  }

  @Test
  void titles_with_commas_and_quotes_round_trip_through_the_items_file() {
    List<String> awkward = new ArrayList<>();
    for (List<String> row : CsvRows.parse(FILES.items())) {
      if (row.get(1).contains(",") || row.get(1).contains("\"")) {
        awkward.add(row.get(1));
        assertThat(row.get(1)).isEqualTo(SAMPLE.titleOf(row.get(0)));
      }
    }

    // Kitchen has "Mixing Bowls, Set of 3" and a 12" skillet, so the check is not vacuous.
    assertThat(awkward).anyMatch(title -> title.contains(","));
    assertThat(awkward).anyMatch(title -> title.contains("\""));
    assertThat(FILES.items()).contains(",\"", "\"\"");
  }

  @Test
  void titles_are_readable_and_unknown_items_have_none() {
    // "Ridge Tent 7" for item-0007: an adjective, a product kind and the item's number.
    for (String item : SAMPLE.itemIds()) {
      int number = Integer.parseInt(item.substring("item-".length()));
      assertThat(SAMPLE.titleOf(item)).matches("[A-Z][^ ]* .+ " + number);
    }
    assertThatThrownBy(() -> SAMPLE.titleOf("item-9999"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item-9999");
  }

  // --- interactions

  @Test
  void every_interaction_names_a_user_and_an_item_of_the_sample() {
    Set<String> users = new HashSet<>(SAMPLE.userIds());
    Set<String> items = new HashSet<>(SAMPLE.itemIds());

    assertThat(FILES.events()).allSatisfy(event -> {
      assertThat(users).contains(event.user());
      assertThat(items).contains(event.item());
    });
  }

  @Test
  void every_user_has_at_least_two_interactions() {
    Map<String, List<SampleFiles.Event>> byUser = FILES.eventsByUser();

    assertThat(byUser.keySet()).containsExactlyInAnyOrderElementsOf(SAMPLE.userIds());
    assertThat(byUser.values())
        .allSatisfy(history -> assertThat(history).hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void interactions_are_sorted_by_time_within_90_days_of_the_start() {
    List<SampleFiles.Event> events = FILES.events();

    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).timestamp()).isGreaterThanOrEqualTo(events.get(i - 1).timestamp());
    }
    assertThat(events.get(0).timestamp()).isGreaterThanOrEqualTo(START);
    assertThat(events.get(events.size() - 1).timestamp()).isLessThan(START + 90 * DAY);
  }

  @Test
  void a_users_events_are_30_to_300_seconds_apart_within_a_session_and_at_least_an_hour_between() {
    for (List<SampleFiles.Event> history : FILES.eventsByUser().values()) {
      for (int i = 1; i < history.size(); i++) {
        long gap = history.get(i).timestamp() - history.get(i - 1).timestamp();
        assertThat(gap).satisfiesAnyOf(
            g -> assertThat(g).isBetween(30L, 300L), g -> assertThat(g).isGreaterThan(3_600L));
      }
    }
  }

  @Test
  void sessions_are_hours_to_days_apart() {
    List<Long> gaps = new ArrayList<>();
    for (List<SampleFiles.Event> history : FILES.eventsByUser().values()) {
      for (int i = 1; i < history.size(); i++) {
        long gap = history.get(i).timestamp() - history.get(i - 1).timestamp();
        if (gap > 300) {
          gaps.add(gap);
        }
      }
    }

    assertThat(gaps).anyMatch(gap -> gap < 6 * 3_600).anyMatch(gap -> gap > 7 * DAY);
  }

  @Test
  void most_events_are_views_some_carts_and_fewer_purchases() {
    Map<String, Integer> counts = new HashMap<>();
    FILES.events().forEach(event -> counts.merge(event.type(), 1, Integer::sum));
    double total = FILES.events().size();

    assertThat(counts.keySet()).containsExactlyInAnyOrder("view", "cart", "purchase");
    assertThat(counts.get("view") / total).isGreaterThan(0.75);
    assertThat(counts.get("cart")).isGreaterThan(counts.get("purchase"));
    assertThat(counts.get("purchase") / total).isGreaterThan(0.02);
  }

  @Test
  void every_cart_and_purchase_follows_a_view_or_cart_of_the_same_item() {
    for (List<SampleFiles.Event> history : FILES.eventsByUser().values()) {
      for (int i = 0; i < history.size(); i++) {
        SampleFiles.Event event = history.get(i);
        if (event.type().equals("view")) {
          continue;
        }
        assertThat(i).as("%s starts a history", event).isPositive();
        SampleFiles.Event before = history.get(i - 1);
        assertThat(before.item()).as("item before %s", event).isEqualTo(event.item());
        assertThat(before.type())
            .as("event before %s", event)
            .isIn(event.type().equals("cart") ? List.of("view") : List.of("view", "cart"));
      }
    }
  }

  // --- structure a recommender can learn

  @Test
  void users_interact_mostly_in_their_preferred_categories() {
    int inPreferred = 0;
    int usersAbove80Percent = 0;
    Map<String, List<SampleFiles.Event>> byUser = FILES.eventsByUser();
    for (Map.Entry<String, List<SampleFiles.Event>> user : byUser.entrySet()) {
      List<String> preferred = SAMPLE.preferredCategoriesOf(user.getKey());
      assertThat(preferred).hasSizeBetween(1, 3).doesNotHaveDuplicates();
      long hits =
          user.getValue().stream()
              .filter(event -> preferred.contains(SAMPLE.categoryOf().get(event.item())))
              .count();
      inPreferred += (int) hits;
      usersAbove80Percent += hits >= 0.8 * user.getValue().size() ? 1 : 0;
    }

    // Sessions explore a random category 5% of the time, so a user with few sessions can fall
    // below 80%; almost all users do not.
    assertThat(inPreferred / (double) SAMPLE.interactionCount()).isGreaterThan(0.93);
    assertThat(usersAbove80Percent / (double) byUser.size()).isGreaterThan(0.9);
  }

  @Test
  void the_youngest_and_oldest_users_browse_different_categories() {
    Map<String, String> ageOf = new HashMap<>();
    for (List<String> row : CsvRows.parse(FILES.users()).subList(1, 2_001)) {
      ageOf.put(row.get(0), row.get(1));
    }
    Map<String, Double> young = new HashMap<>();
    Map<String, Double> old = new HashMap<>();
    for (SampleFiles.Event event : FILES.events()) {
      String age = ageOf.get(event.user());
      String category = SAMPLE.categoryOf().get(event.item());
      if (age.equals("18-24")) {
        young.merge(category, 1.0, Double::sum);
      } else if (age.equals("55-64") || age.equals("65+")) {
        old.merge(category, 1.0, Double::sum);
      }
    }

    // Total variation distance between the two category distributions: 0 for the same, 1 for
    // disjoint.
    assertThat(totalVariation(young, old)).isGreaterThan(0.4);
  }

  @Test
  void item_popularity_is_skewed() {
    Map<String, Integer> views = new HashMap<>();
    FILES.events().forEach(event -> views.merge(event.item(), 1, Integer::sum));
    List<Integer> counts = new ArrayList<>(views.values());
    counts.sort((a, b) -> b - a);
    double total = counts.stream().mapToInt(Integer::intValue).sum();
    double top10Percent = counts.subList(0, 60).stream().mapToInt(Integer::intValue).sum();

    // Uniform popularity would give 0.1.
    assertThat(top10Percent / total).isGreaterThan(0.25);
    assertThat(views).hasSize(600);
  }

  @Test
  void the_next_item_in_a_session_follows_from_the_current_one_not_from_popularity() {
    NextItemHitRates rates =
        NextItemHitRates.measure(FILES, SAMPLE.userIds(), SAMPLE.categoryOf());

    // Measured for the defaults: about 0.74, 0.02 and 0.19 over some 25,000 pairs.
    assertThat(rates.pairs()).isGreaterThan(20_000);
    assertThat(rates.successors()).isGreaterThan(0.6);
    assertThat(rates.popular()).isLessThan(0.05);
    assertThat(rates.popularInCategory()).isLessThan(0.3);
    assertThat(rates.successors()).isGreaterThan(2 * rates.popularInCategory());
  }

  // --- schemas

  @Test
  void the_schemas_fit_their_dataset_types_and_list_the_csv_columns_in_order() {
    assertSchema(SAMPLE.interactionsSchema(), DatasetType.INTERACTIONS, FILES.interactions());
    assertSchema(SAMPLE.itemsSchema(), DatasetType.ITEMS, FILES.items());
    assertSchema(SAMPLE.usersSchema(), DatasetType.USERS, FILES.users());
  }

  @Test
  void the_items_schema_has_a_categorical_category_a_textual_title_and_a_float_price() {
    Map<String, SchemaField> fields = new HashMap<>();
    for (SchemaField field : AvroSchemaParser.parse(SAMPLE.itemsSchema()).fields()) {
      fields.put(field.name(), field);
    }

    assertThat(fields.get("CATEGORY").categorical()).isTrue();
    assertThat(fields.get("TITLE").textual()).isTrue();
    assertThat(fields.get("TITLE").categorical()).isFalse();
    assertThat(fields.get("PRICE").type().name()).isEqualTo("FLOAT");
    assertThat(fields.get("CREATION_TIMESTAMP").type().name()).isEqualTo("LONG");
  }

  @Test
  void the_ecommerce_schemas_meet_the_domains_requirements_and_list_the_csv_columns_in_order() throws IOException {
    StringWriter interactions = new StringWriter();
    StringWriter items = new StringWriter();
    SAMPLE.writeEcommerceInteractions(interactions);
    SAMPLE.writeEcommerceItems(items);

    assertDomainSchema(SAMPLE.interactionsSchema(), DatasetType.INTERACTIONS, interactions.toString());
    assertDomainSchema(SAMPLE.ecommerceItemsSchema(), DatasetType.ITEMS, items.toString());
    assertDomainSchema(SAMPLE.usersSchema(), DatasetType.USERS, FILES.users());
  }

  @Test
  void the_ecommerce_files_are_the_custom_ones_with_the_domains_spelling() throws IOException {
    StringWriter interactions = new StringWriter();
    StringWriter items = new StringWriter();
    SAMPLE.writeEcommerceInteractions(interactions);
    SAMPLE.writeEcommerceItems(items);

    assertThat(items.toString()).isEqualTo(FILES.items().replaceFirst("CATEGORY", "CATEGORY_L1"));
    String[] custom = FILES.interactions().split("\n");
    String[] ecommerce = interactions.toString().split("\n");
    assertThat(ecommerce).hasSameSizeAs(custom);
    assertThat(ecommerce[0]).isEqualTo(custom[0]);
    for (int i = 1; i < custom.length; i++) {
      String[] c = custom[i].split(",");
      String[] e = ecommerce[i].split(",");
      assertThat(e[2]).isEqualTo(Character.toUpperCase(c[2].charAt(0)) + c[2].substring(1));
      c[2] = e[2];
      assertThat(e).as("line %d", i).containsExactly(c);
    }
  }

  @Test
  void there_are_enough_view_and_purchase_events_for_every_ecommerce_use_case() {
    Map<String, Integer> counts = new HashMap<>();
    FILES.events().forEach(e -> counts.merge(e.type(), 1, Integer::sum));

    assertThat(counts.get("view")).isGreaterThanOrEqualTo(UseCases.MIN_EVENTS);
    assertThat(counts.get("purchase")).isGreaterThanOrEqualTo(UseCases.MIN_EVENTS);
  }

  @Test
  void the_users_schema_has_two_categorical_strings() {
    List<SchemaField> fields = AvroSchemaParser.parse(SAMPLE.usersSchema()).fields();

    assertThat(fields.subList(1, 3)).allSatisfy(field -> {
      assertThat(field.type().name()).isEqualTo("STRING");
      assertThat(field.categorical()).isTrue();
    });
  }

  // --- config

  @Test
  void the_defaults_are_as_documented() {
    assertThat(DEFAULTS).isEqualTo(new ShopSample.Config(42, 2_000, 600, 12, 8, 1_767_225_600L));
  }

  @Test
  void config_errors_name_the_field_the_range_and_the_value() {
    assertRejected(() -> new ShopSample.Config(1, 0, 600, 12, 8, 0))
        .hasMessage("users must be in [1, 100000], got 0");
    assertRejected(() -> new ShopSample.Config(1, 100_001, 600, 12, 8, 0))
        .hasMessage("users must be in [1, 100000], got 100001");
    assertRejected(() -> new ShopSample.Config(1, 10, 600, 17, 8, 0))
        .hasMessage("categories must be in [1, 16], got 17");
    assertRejected(() -> new ShopSample.Config(1, 10, 23, 12, 8, 0))
        .hasMessage(
            "items must be in [24, 100000] (at least 2 per category for 12 categories), got 23");
    assertRejected(() -> new ShopSample.Config(1, 10, 600, 12, 0, 0))
        .hasMessage("sessionsPerUser must be in [1, 20], got 0");
    assertRejected(() -> new ShopSample.Config(1, 10, 600, 12, 21, 0))
        .hasMessage("sessionsPerUser must be in [1, 20], got 21");
    assertRejected(() -> new ShopSample.Config(1, 10, 600, 12, 8, -1))
        .hasMessage("startEpochSeconds must be in [0, 32503680000], got -1");
  }

  @Test
  void the_smallest_and_widest_configs_generate_valid_samples() {
    ShopSample tiny = ShopSample.generate(new ShopSample.Config(7, 1, 2, 1, 1, 0));
    ShopSample wide = ShopSample.generate(new ShopSample.Config(7, 30, 32, 16, 20, 0));

    for (ShopSample sample : List.of(tiny, wide)) {
      List<SampleFiles.Event> events = SampleFiles.of(sample).events();
      assertThat(events).hasSize(sample.interactionCount()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(events).allSatisfy(event -> {
        assertThat(sample.userIds()).contains(event.user());
        assertThat(sample.itemIds()).contains(event.item());
        assertThat(event.timestamp()).isBetween(0L, 90 * DAY - 1);
      });
    }
    assertThat(new HashSet<>(wide.categoryOf().values())).hasSize(16);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      ThrowingCallable create) {
    return assertThatThrownBy(create).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertSchema(String json, DatasetType type, String csv) {
    DatasetSchema schema = AvroSchemaParser.parse(json);
    DatasetSchemaRules.check(schema, type);
    List<String> names = schema.fields().stream().map(SchemaField::name).toList();
    assertThat(String.join(",", names)).isEqualTo(csv.substring(0, csv.indexOf('\n')));
  }

  private static void assertDomainSchema(String json, DatasetType type, String csv) {
    DatasetSchema schema = AvroSchemaParser.parse(json);
    DomainSchemaRules.check(schema, type, Domain.ECOMMERCE);
    assertThat(DomainSchemaRules.typeOf(schema)).isEqualTo(type);
    List<String> names = schema.fields().stream().map(SchemaField::name).toList();
    assertThat(String.join(",", names)).isEqualTo(csv.substring(0, csv.indexOf('\n')));
  }

  private static double totalVariation(Map<String, Double> a, Map<String, Double> b) {
    double sumA = a.values().stream().mapToDouble(Double::doubleValue).sum();
    double sumB = b.values().stream().mapToDouble(Double::doubleValue).sum();
    Set<String> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    double distance = 0;
    for (String key : keys) {
      distance += Math.abs(a.getOrDefault(key, 0.0) / sumA - b.getOrDefault(key, 0.0) / sumB);
    }
    return distance / 2;
  }
}
