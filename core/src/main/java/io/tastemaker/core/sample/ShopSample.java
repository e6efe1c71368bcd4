package io.tastemaker.core.sample;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A synthetic shop generated from a seed: the sample data of {@code tastemaker quickstart}.
 *
 * <p>Users browse sessions within their preferred categories (which depend on their age group),
 * where item popularity is Zipf-like; within a session each item is usually followed by one of its
 * complements (after a tent, a sleeping bag), which popularity alone cannot predict but a sequence
 * model can. Events are mostly {@code view}s, some {@code cart}s and fewer {@code purchase}s, each
 * cart or purchase right after a view of the same item. Sessions lie within 90 days of the start,
 * at least an hour apart, their events 30 to 300 seconds apart. The same config gives the same
 * data, byte for byte.
 */
public final class ShopSample {

  /**
   * What to generate.
   *
   * @param seed the only source of randomness
   * @param users number of users, in [1, 100000]
   * @param items number of items, in [2 * categories, 100000]
   * @param categories number of categories, in [1, 16]
   * @param sessionsPerUser mean number of sessions of a user, in [1, 20]
   * @param startEpochSeconds when the first session may start, in [0, 32503680000] (year 3000)
   */
  public record Config(
      long seed,
      int users,
      int items,
      int categories,
      int sessionsPerUser,
      long startEpochSeconds) {

    public static final int MAX_USERS = 100_000;
    public static final int MAX_ITEMS = 100_000;
    public static final int MAX_CATEGORIES = 16;
    public static final int MAX_SESSIONS_PER_USER = 20;
    public static final long MAX_START_EPOCH_SECONDS = 32_503_680_000L;

    /** 2026-01-01T00:00:00Z. */
    private static final long DEFAULT_START = 1_767_225_600L;

    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException naming the first field out of range, its range and value
     */
    public Config {
      check("users", users, 1, MAX_USERS, "");
      check("categories", categories, 1, MAX_CATEGORIES, "");
      check("items", items, 2L * categories, MAX_ITEMS,
          " (at least 2 per category for " + categories + " categories)");
      check("sessionsPerUser", sessionsPerUser, 1, MAX_SESSIONS_PER_USER, "");
      check("startEpochSeconds", startEpochSeconds, 0, MAX_START_EPOCH_SECONDS, "");
    }

    /** Seed 42, 2000 users, 600 items, 12 categories, 8 sessions per user, from 2026-01-01. */
    public static Config defaults() {
      return new Config(42, 2_000, 600, 12, 8, DEFAULT_START);
    }

    /** This config with another seed. */
    public Config withSeed(long newSeed) {
      return new Config(newSeed, users, items, categories, sessionsPerUser, startEpochSeconds);
    }

    private static void check(String field, long value, long min, long max, String why) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            field + " must be in [" + min + ", " + max + "]" + why + ", got " + value);
      }
    }
  }

  private final Config config;
  private final Catalog catalog;
  private final Shoppers shoppers;
  private final InteractionLog interactions;
  private final List<String> userIds;
  private final List<String> itemIds;
  private final Map<String, String> categoryOf;
  private final Map<String, Integer> itemIndex;
  private final Map<String, Integer> userIndex;

  private ShopSample(Config config, Catalog catalog, Shoppers shoppers, InteractionLog log) {
    this.config = config;
    this.catalog = catalog;
    this.shoppers = shoppers;
    this.interactions = log;
    this.userIds = List.of(shoppers.ids);
    this.itemIds = List.of(catalog.ids);
    Map<String, String> categories = new LinkedHashMap<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < catalog.size(); i++) {
      categories.put(catalog.ids[i], catalog.categoryName(i));
      index.put(catalog.ids[i], i);
    }
    this.categoryOf = Collections.unmodifiableMap(categories);
    this.itemIndex = index;
    this.userIndex = new HashMap<>();
    for (int u = 0; u < shoppers.size(); u++) {
      userIndex.put(shoppers.ids[u], u);
    }
  }

  /** Generates the shop; the same config always gives the same shop. */
  public static ShopSample generate(Config config) {
    Objects.requireNonNull(config, "config");
    List<CategorySpec> specs = CategorySpec.ALL.subList(0, config.categories());
    // Each part draws from its own split stream, so changing one part leaves the others as they
    // were for the same seed.
    SplittableRandom root = new SplittableRandom(config.seed());
    SplittableRandom itemRandom = root.split();
    SplittableRandom userRandom = root.split();
    SplittableRandom sessionRandom = root.split();
    long start = config.startEpochSeconds();
    Catalog catalog = Catalog.generate(config.items(), specs, start, itemRandom);
    Shoppers shoppers = Shoppers.generate(config.users(), specs, userRandom);
    InteractionLog log =
        SessionSimulator.simulate(
            catalog, shoppers, config.sessionsPerUser(), start, sessionRandom);
    return new ShopSample(config, catalog, shoppers, log.sortedByTime(start));
  }

  /** The config this sample was generated from. */
  public Config config() {
    return config;
  }

  /** Rows of the interactions CSV, header excluded. */
  public int interactionCount() {
    return interactions.size();
  }

  /** User ids in order, {@code user-0001} first. */
  public List<String> userIds() {
    return userIds;
  }

  /** Item ids in order, {@code item-0001} first. */
  public List<String> itemIds() {
    return itemIds;
  }

  /** Each item's category, in item order. */
  public Map<String, String> categoryOf() {
    return categoryOf;
  }

  /**
   * The item's TITLE.
   *
   * @throws IllegalArgumentException if the item is not in the sample
   */
  public String titleOf(String itemId) {
    return catalog.titles[index(itemId)];
  }

  /** Writes {@code USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP} rows by time; leaves the writer open. */
  public void writeInteractions(Writer out) throws IOException {
    Objects.requireNonNull(out, "out");
    SampleCsv.writeInteractions(interactions, shoppers, catalog, false, out);
  }

  /**
   * Writes the same interactions for an ECOMMERCE Domain dataset group: event types spelled as the
   * domain's guide spells them ({@code View}, {@code Cart}, {@code Purchase}); leaves it open.
   */
  public void writeEcommerceInteractions(Writer out) throws IOException {
    Objects.requireNonNull(out, "out");
    SampleCsv.writeInteractions(interactions, shoppers, catalog, true, out);
  }

  /** Writes {@code ITEM_ID,TITLE,CATEGORY,PRICE,CREATION_TIMESTAMP} rows; leaves it open. */
  public void writeItems(Writer out) throws IOException {
    SampleCsv.writeItems(catalog, false, Objects.requireNonNull(out, "out"));
  }

  /**
   * Writes the same items for an ECOMMERCE Domain dataset group, whose schema names the category
   * {@code CATEGORY_L1}: {@code ITEM_ID,TITLE,CATEGORY_L1,PRICE,CREATION_TIMESTAMP}; leaves it open.
   */
  public void writeEcommerceItems(Writer out) throws IOException {
    SampleCsv.writeItems(catalog, true, Objects.requireNonNull(out, "out"));
  }

  /** Writes {@code USER_ID,AGE_GROUP,MEMBERSHIP} rows; leaves the writer open. */
  public void writeUsers(Writer out) throws IOException {
    SampleCsv.writeUsers(shoppers, Objects.requireNonNull(out, "out"));
  }

  // The schemas are the same for every config; they are members so callers take the data and its
  // schemas from one object.

  /** The Avro schema of the interactions CSV. */
  public String interactionsSchema() {
    return SampleSchemas.INTERACTIONS;
  }

  /** The Avro schema of the items CSV: CATEGORY categorical, TITLE textual. */
  public String itemsSchema() {
    return SampleSchemas.ITEMS;
  }

  /**
   * The Avro schema of the ECOMMERCE items CSV, which meets the domain's requirements: CATEGORY_L1
   * categorical, PRICE a float, TITLE textual.
   */
  public String ecommerceItemsSchema() {
    return SampleSchemas.ECOMMERCE_ITEMS;
  }

  /** The Avro schema of the users CSV: AGE_GROUP and MEMBERSHIP categorical. */
  public String usersSchema() {
    return SampleSchemas.USERS;
  }

  /** The user's preferred categories, favourite first: hidden from the CSV, known to tests. */
  List<String> preferredCategoriesOf(String userId) {
    Integer user = userIndex.get(userId);
    if (user == null) {
      throw new IllegalArgumentException("No user '" + userId + "' in the sample");
    }
    return Arrays.stream(shoppers.preferred[user])
        .mapToObj(catalog.categoryNames::get)
        .toList();
  }

  private int index(String itemId) {
    Objects.requireNonNull(itemId, "itemId");
    Integer item = itemIndex.get(itemId);
    if (item == null) {
      throw new IllegalArgumentException("No item '" + itemId + "' in the sample");
    }
    return item;
  }
}
