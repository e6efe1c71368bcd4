package io.tastemaker.core.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Next-Best-Action data with a planted truth: users fall into taste groups by the items they view,
 * and each group has one action its users take far more often than anyone else; two "broad"
 * actions are taken a little by everyone, so they lead on overall take rate and a model without
 * users ranks them first. A share of the users have item interactions only (no action history):
 * only their items say which action they will take. One action expired before the data's end.
 *
 * @param users how many users
 * @param groups how many taste groups (and planted actions)
 * @param coldShare the share of users without action interactions (tested on their item context)
 * @param end the newest timestamp of the data, epoch seconds
 * @param seed the source of all randomness
 */
public record PlantedActions(int users, int groups, double coldShare, long end, long seed) {
  /** The take rate of a group's planted action by its own users, and by everyone else. */
  public static final double PLANTED_RATE = 0.6;
  public static final double OTHER_RATE = 0.05;
  /** The take rate of the broad actions, the same for everyone. */
  public static final double BROAD_RATE = 0.25;
  /** Ids of the broad actions and of the action that has expired. */
  public static final List<String> BROAD = List.of("broad-0", "broad-1");
  public static final String EXPIRED = "expired";
  private static final int ITEMS_PER_GROUP = 20;
  private static final int VIEWS_PER_USER = 12;
  private static final long DAY = 86_400;

  public PlantedActions {
    if (users < 10 || groups < 2 || coldShare < 0 || coldShare >= 1) {
      throw new IllegalArgumentException("users >= 10, groups >= 2 and coldShare in [0, 1) are needed, got " + users + ", " + groups + ", " + coldShare);
    }
  }

  public String userId(int u) {
    return "u" + u;
  }

  public int groupOf(int u) {
    return u % groups;
  }

  /** The action planted for a user's group. */
  public String plantedAction(int u) {
    return "act-" + groupOf(u);
  }

  /** Whether a user has no action interactions in the data. */
  public boolean cold(int u) {
    return u >= Math.round(users * (1 - coldShare));
  }

  /** Every action id: the planted ones, the broad ones, the expired one. */
  public List<String> actions() {
    List<String> ids = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      ids.add("act-" + g);
    }
    ids.addAll(BROAD);
    ids.add(EXPIRED);
    return ids;
  }

  /** The Interactions CSV: each user views items of their group. */
  public Path writeInteractions(Path file) throws IOException {
    Random random = new Random(seed);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n");
      for (int u = 0; u < users; u++) {
        for (int v = 0; v < VIEWS_PER_USER; v++) {
          // Most views in the user's group, a few anywhere, so groups overlap a little.
          int group = random.nextDouble() < 0.85 ? groupOf(u) : random.nextInt(groups);
          w.write(userId(u) + ",item-" + group + "-" + random.nextInt(ITEMS_PER_GROUP) + ",View," + time(random) + "\n");
        }
      }
    }
    return file;
  }

  /** The Actions CSV: values, the expired action's expiration, repeat frequencies. */
  public Path writeActions(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("ACTION_ID,VALUE,EXPIRATION_TIMESTAMP,REPEAT_FREQUENCY\n");
      for (String action : actions()) {
        String expiration = action.equals(EXPIRED) ? Long.toString(end - 2 * DAY) : "";
        w.write(action + ",10," + expiration + ",\n");
      }
    }
    return file;
  }

  /** The Action_Interactions CSV: every warm user is shown every action once, and takes it or not. */
  public Path writeActionInteractions(Path file) throws IOException {
    Random random = new Random(seed + 1);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ACTION_ID,EVENT_TYPE,TIMESTAMP\n");
      for (int u = 0; u < users; u++) {
        if (cold(u)) {
          continue;
        }
        for (String action : actions()) {
          long shown = time(random);
          w.write(userId(u) + "," + action + ",Viewed," + shown + "\n");
          boolean taken = random.nextDouble() < rate(u, action);
          w.write(userId(u) + "," + action + "," + (taken ? "Taken" : "Not Taken") + "," + (shown + 60) + "\n");
        }
      }
    }
    return file;
  }

  /** The probability that a user takes an action when shown it. */
  public double rate(int u, String action) {
    if (action.equals(EXPIRED)) {
      return 0.9;
    }
    if (BROAD.contains(action)) {
      return BROAD_RATE;
    }
    return action.equals(plantedAction(u)) ? PLANTED_RATE : OTHER_RATE;
  }

  private long time(Random random) {
    // Within the 30 days before the end, well inside the six weeks the guide counts.
    return end - 30 * DAY + (long) (random.nextDouble() * 29 * DAY);
  }
}
