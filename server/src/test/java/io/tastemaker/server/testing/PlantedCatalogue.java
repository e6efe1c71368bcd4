package io.tastemaker.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A catalogue with planted topics for aws-semantic-similarity: 3 topics of 20 items ({@code
 * kitchen-07}), each description three of its topic's six ideas, each idea said with one of two
 * synonyms, plus two of ten words every topic uses; a BRAND at random, unrelated to the topic.
 * Two items of a topic often share no word, yet their words are used together in others.
 */
public final class PlantedCatalogue {
  public static final List<String> TOPICS = List.of("kitchen", "garden", "camping");
  public static final int PER_TOPIC = 20;
  public static final String ITEMS_SCHEMA =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"BRAND","type":["null","string"],"categorical":true},
        {"name":"DESCRIPTION","type":["null","string"],"textual":true}],"version":"1.0"}""";
  /** The same items without their text. */
  public static final String UNTEXTED_SCHEMA =
      """
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"BRAND","type":["null","string"],"categorical":true}],"version":"1.0"}""";
  private static final List<List<String>> SYNONYMS =
      List.of(
          List.of("skillet", "frypan", "knife", "cleaver", "saucepan", "stockpot", "spatula", "turner", "colander", "strainer", "kettle", "boiler"),
          List.of("hose", "sprinkler", "spade", "shovel", "rake", "harrow", "pruner", "secateurs", "planter", "flowerpot", "seedling", "sapling"),
          List.of("tent", "shelter", "lantern", "torch", "sleepingbag", "bedroll", "stove", "burner", "compass", "navigator", "backpack", "rucksack"));
  private static final List<String> COMMON = List.of("quality", "durable", "value", "classic", "premium", "compact", "everyday", "gift", "sturdy", "light");
  private static final List<String> BRANDS = List.of("acme", "zenith", "orbit");

  private PlantedCatalogue() {}

  public static String itemId(int topic, int k) {
    return String.format("%s-%02d", TOPICS.get(topic), k);
  }

  public static String topicOf(String item) {
    return item.substring(0, item.indexOf('-'));
  }

  /** ITEM_ID,BRAND,DESCRIPTION of every item; without the text when {@code withText} is false. */
  public static Path writeItems(Path file, boolean withText) throws IOException {
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder(withText ? "ITEM_ID,BRAND,DESCRIPTION\n" : "ITEM_ID,BRAND\n");
    for (int t = 0; t < TOPICS.size(); t++) {
      for (int k = 0; k < PER_TOPIC; k++) {
        List<Integer> ideas = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        java.util.Collections.shuffle(ideas, random);
        List<String> words = new ArrayList<>();
        for (int idea : ideas.subList(0, 3)) {
          words.add(SYNONYMS.get(t).get(2 * idea + random.nextInt(2)));
        }
        words.add(COMMON.get(random.nextInt(COMMON.size())));
        words.add(COMMON.get(random.nextInt(COMMON.size())));
        csv.append(itemId(t, k)).append(',').append(BRANDS.get(random.nextInt(BRANDS.size())));
        if (withText) {
          csv.append(",\"A ").append(words.get(3)).append(' ').append(words.get(0)).append(" with a ").append(words.get(1)).append(" and a ")
              .append(words.get(4)).append(' ').append(words.get(2)).append('"');
        }
        csv.append('\n');
      }
    }
    return Files.writeString(file, csv);
  }

  /** 36 users, a dozen per topic, each buying the first ten items of their topic; the other ten are cold. */
  public static Path writeInteractions(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\n");
    for (int u = 0; u < 36; u++) {
      int topic = u % TOPICS.size();
      for (int k = 0; k < 10; k++) {
        csv.append("user-").append(u).append(',').append(itemId(topic, (k + u) % 10)).append(",buy,1,").append(1_700_000_000L + 60L * k).append('\n');
      }
    }
    return Files.writeString(file, csv);
  }
}
