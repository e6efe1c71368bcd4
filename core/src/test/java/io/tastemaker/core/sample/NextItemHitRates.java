package io.tastemaker.core.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How often the next item viewed in a session is among three guesses, for three ways of guessing,
 * each fitted on the even-numbered users and measured on the odd-numbered ones, from the CSV alone.
 *
 * @param successors the three items most often viewed right after the current one
 * @param popular the three most viewed items
 * @param popularInCategory the three most viewed items of the current item's category
 * @param pairs how many consecutive views were measured
 */
record NextItemHitRates(double successors, double popular, double popularInCategory, int pairs) {

  private static final int GUESSES = 3;

  static NextItemHitRates measure(
      SampleFiles files, List<String> userIds, Map<String, String> categoryOf) {
    Set<String> fitUsers = new HashSet<>();
    for (int u = 0; u < userIds.size(); u += 2) {
      fitUsers.add(userIds.get(u));
    }
    Map<String, Map<String, Integer>> followers = new HashMap<>();
    Map<String, Integer> views = new HashMap<>();
    Map<String, Map<String, Integer>> viewsInCategory = new HashMap<>();
    List<String[]> testPairs = new ArrayList<>();
    for (List<SampleFiles.Event> session : files.sessions()) {
      List<String> viewed = new ArrayList<>();
      for (SampleFiles.Event event : session) {
        if (event.type().equals("view")) {
          viewed.add(event.item());
        }
      }
      boolean fit = fitUsers.contains(session.get(0).user());
      for (int i = 0; i < viewed.size(); i++) {
        String item = viewed.get(i);
        if (fit) {
          views.merge(item, 1, Integer::sum);
          viewsInCategory
              .computeIfAbsent(categoryOf.get(item), c -> new HashMap<>())
              .merge(item, 1, Integer::sum);
        }
        if (i == 0) {
          continue;
        }
        String previous = viewed.get(i - 1);
        if (fit) {
          followers.computeIfAbsent(previous, p -> new HashMap<>()).merge(item, 1, Integer::sum);
        } else {
          testPairs.add(new String[] {previous, item});
        }
      }
    }
    Set<String> popular = top(views);
    int bySuccessors = 0;
    int byPopular = 0;
    int byPopularInCategory = 0;
    for (String[] pair : testPairs) {
      String current = pair[0];
      String next = pair[1];
      bySuccessors += top(followers.getOrDefault(current, Map.of())).contains(next) ? 1 : 0;
      byPopular += popular.contains(next) ? 1 : 0;
      Map<String, Integer> inCategory =
          viewsInCategory.getOrDefault(categoryOf.get(current), Map.of());
      byPopularInCategory += top(inCategory).contains(next) ? 1 : 0;
    }
    double n = testPairs.size();
    return new NextItemHitRates(
        bySuccessors / n, byPopular / n, byPopularInCategory / n, testPairs.size());
  }

  /** The most counted keys, ties broken by key so the guesses do not depend on hashing. */
  private static Set<String> top(Map<String, Integer> counts) {
    List<String> keys = new ArrayList<>(counts.keySet());
    keys.sort(
        Comparator.comparing((String key) -> -counts.get(key))
            .thenComparing(Comparator.naturalOrder()));
    return new HashSet<>(keys.subList(0, Math.min(GUESSES, keys.size())));
  }
}
