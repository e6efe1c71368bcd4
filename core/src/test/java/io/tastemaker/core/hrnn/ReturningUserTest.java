package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A returning user's event moves their answer without wiping out what the model knew of them
 * (issue 14: one click replaced the whole list; issue 15: a latest event in a new session lost
 * the history). The data has two tastes, items a0..a19 and b0..b19; each user keeps to one, in one
 * long session, as MovieLens' histories do, so the data itself never shows a session start after
 * the first. Each user has a home taste; each next item is of the home taste or, as often, of the
 * last item's taste, so after an item of the other taste the next one is of either taste half the
 * time: the best answer then holds both.
 */
class ReturningUserTest {
  private static final int PER_TASTE = 20;
  private static final long DAY = 86_400;

  private static InteractionData twoTastes() {
    SplittableRandom random = new SplittableRandom(3);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 300; u++) {
      String home = u % 2 == 0 ? "a" : "b";
      String other = u % 2 == 0 ? "b" : "a";
      String taste = home;
      int length = 15 + random.nextInt(16);
      for (int k = 0; k < length; k++) {
        b.add("u" + u, taste + random.nextInt(PER_TASTE), 1_000_000L + 60L * k, Optional.empty(), Double.NaN);
        double draw = random.nextDouble();
        taste = draw < 0.5 ? home : draw < 0.9 ? taste : other;
      }
    }
    return b.build();
  }

  private static HrnnModel train(InteractionData data) {
    Map<String, String> given = new HashMap<>(Map.of("hidden_dimension", "32", "epochs", "8", "batch_size", "32", "bptt", "8", "threads", "2"));
    return (HrnnModel) new HrnnTrainer(RecipeCatalog.HRNN, RecipeType.USER_PERSONALIZATION)
        .train(new TrainingInput(data, RecipeCatalog.byName(RecipeCatalog.HRNN).orElseThrow().resolve(given, Map.of()), 1), TrainingMonitor.NONE);
  }

  private static long count(HrnnModel model, int[] items, String taste) {
    return Arrays.stream(items).filter(i -> model.items().id(i).startsWith(taste)).count();
  }

  @Test
  void one_click_in_a_new_session_shifts_the_list_and_keeps_the_users_taste() {
    InteractionData data = twoTastes();
    HrnnModel model = train(data);
    int kept = 0;
    double shareBefore = 0;
    double shareAfter = 0;
    int users = 0;
    for (int u = 0; users < 20; u += 2) {
      String user = "u" + u;
      int end = data.end(data.userIds().indexOf(user)) - 1;
      if (!data.itemId(data.item(end)).startsWith("a")) {
        // The list of a user whose last item is of the other taste holds both already.
        continue;
      }
      long last = data.timestamp(end);
      int[] before = model.recommend(UserQuery.of(user), 10, ItemMask.ALL).items();
      assertThat(count(model, before, "a")).as("user %s's list before the click", user).isGreaterThanOrEqualTo(9);
      // A click on the other taste a day later, which starts a session.
      int clicked = model.items().indexOf("b" + (u / 2) % PER_TASTE).orElseThrow();
      UserQuery click = new UserQuery(Optional.of(user), new History(new int[] {clicked}, new long[] {last + DAY}));
      int[] after = model.recommend(click, 10, ItemMask.ALL).items();
      kept += (int) Arrays.stream(after).filter(i -> Arrays.stream(before).anyMatch(j -> j == i)).count();
      shareBefore += tasteShare(model, model.probabilities(UserQuery.of(user)), "b");
      shareAfter += tasteShare(model, model.probabilities(click), "b");
      users++;
    }
    // Measured: 8.05 kept and a share from 0.09 to 0.33 (7.85 and 0.35 before the answer was scored
    // from the state blended with the carried previous session); before the fix the new session forgot the
    // user and the click took the whole list (0 kept; 0.3 with the training's session breaks alone).
    assertThat((double) kept / users).as("items kept of 10 after one click").isGreaterThanOrEqualTo(5);
    // The click still counts: the clicked taste gains a good share of the answer.
    assertThat(shareAfter / users).as("the clicked taste's share after the click").isGreaterThan(shareBefore / users + 0.15);
  }

  @Test
  void a_returning_users_latest_event_counts_as_it_does_in_the_same_session() {
    InteractionData data = twoTastes();
    HrnnModel model = train(data);
    double sameSession = 0;
    double returning = 0;
    int users = 0;
    for (int u = 0; u < 40; u += 2) {
      String user = "u" + u;
      long last = data.timestamp(data.end(data.userIds().indexOf(user)) - 1);
      // An item of the other taste: the home taste is worth half of what comes next only if the
      // model still knows it.
      int event = model.items().indexOf("b" + (u / 2) % PER_TASTE).orElseThrow();
      double[] in = model.probabilities(new UserQuery(Optional.of(user), new History(new int[] {event}, new long[] {last + 60})));
      double[] back =
          model.probabilities(new UserQuery(Optional.of(user), new History(new int[] {event}, new long[] {last + DAY}, new boolean[] {true})));
      sameSession += tasteShare(model, in, "a");
      returning += tasteShare(model, back, "a");
      users++;
    }
    // Measured: 0.46 in the session; a day later 0.14 before the fix (the new session forgot the
    // home taste), 0.60 with the mixture and 0.63 with the state blended with the carried previous
    // session (the previous session's share leans a little to the home taste).
    assertThat(returning / users).as("the home taste's share a day later").isCloseTo(sameSession / users, within(0.2));
  }

  @Test
  void the_model_file_keeps_the_previous_session_carried_through_the_current_one() throws Exception {
    // Each user's last three items come a day after the rest: the history ends in a second session.
    InteractionData plain = twoTastes();
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < plain.userCount(); u++) {
      int end = plain.end(u);
      for (int i = plain.start(u); i < end; i++) {
        long later = i >= end - 3 ? DAY : 0;
        b.add(plain.userId(u), plain.itemId(plain.item(i)), plain.timestamp(i) + later, Optional.empty(), Double.NaN);
      }
    }
    HrnnModel model = train(b.build());
    ModelCodec codec = new ModelCodec(Map.of(RecipeCatalog.HRNN, new HrnnFormat(RecipeCatalog.HRNN)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(model, out);
    HrnnModel read = (HrnnModel) codec.read(new ByteArrayInputStream(out.toByteArray()), "m");
    UserState state = model.state(UserQuery.of("u0")).orElseThrow();
    assertThat(state.carried).as("u0's previous session carried through the current one").hasSize(32);
    for (String user : List.of("u0", "u1", "u2")) {
      assertThat(read.probabilities(UserQuery.of(user))).as(user).containsExactly(model.probabilities(UserQuery.of(user)));
    }
  }

  private static double tasteShare(HrnnModel model, double[] p, String taste) {
    double share = 0;
    for (int i = 0; i < p.length; i++) {
      share += model.items().id(i).startsWith(taste) ? p[i] : 0;
    }
    return share;
  }
}
