package io.tastemaker.core.nextbestaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.batch.BatchAction;
import io.tastemaker.core.batch.BatchActionAnswerer;
import io.tastemaker.core.batch.LineRefusedException;
import io.tastemaker.core.filter.ActionFilterRecords;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.CompiledFilter;
import io.tastemaker.core.filter.FilterEvaluation;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.sample.PlantedActions;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An action snapshot answers every action line as the records it was written from do: the same
 * time, the takings put since training, and an ActionID filter over Actions records, Users records
 * (IF clauses) and action interactions.
 */
class ActionSnapshotTest {
  private static final long END = 1_750_000_000L;
  private static final PlantedActions PLANTED = new PlantedActions(200, 4, 0.2, END, 3);
  private static final String FILTER = "EXCLUDE ActionID WHERE Actions.VALUE > $LIMIT"
      + " | EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"Taken\") IF CurrentUser.AGE > 30";

  @TempDir static Path dir;
  private static NextBestActionModel model;

  /** Records held in maps, as the server's live ones are read. */
  private record Live(AttributeTable actions, AttributeTable users, Map<String, Map<String, Set<String>>> interactions) implements ActionFilterRecords {
    @Override
    public Optional<AttributeRecord> user(String userId) {
      return users.get(userId);
    }

    @Override
    public Map<String, Set<String>> actionInteractions(String userId) {
      return interactions.getOrDefault(userId, Map.of());
    }
  }

  @BeforeAll
  static void train() throws Exception {
    TrainingInput input = PlantedActionData.input(PLANTED, dir, Map.of());
    // Every action repeated at most weekly, so that takings put since training leave actions out.
    ActionCatalog catalog = input.actions().catalog();
    int[] weekly = new int[catalog.size()];
    java.util.Arrays.fill(weekly, 7);
    ActionCatalog repeated = new ActionCatalog(catalog.ids(), catalog.values(), catalog.expirations(), weekly);
    model = new NextBestActionTrainer(RecipeCatalog.NEXT_BEST_ACTION).train(input.withActions(new ActionData(repeated, input.actions().events())), TrainingMonitor.NONE);
  }

  @Test
  void a_snapshot_answers_each_user_as_the_live_records_do() throws IOException {
    Random random = new Random(9);
    List<Map<String, Object>> actionRecords = new ArrayList<>();
    for (int a = 0; a < PLANTED.actions().size(); a++) {
      actionRecords.add(Map.of("ACTION_ID", PLANTED.actions().get(a), "VALUE", 5 * a));
    }
    List<Map<String, Object>> userRecords = new ArrayList<>();
    Map<String, Map<String, Set<String>>> interactions = new HashMap<>();
    Map<String, Map<String, Long>> takings = new HashMap<>();
    for (int u = 0; u < PLANTED.users(); u++) {
      String user = PLANTED.userId(u);
      userRecords.add(Map.of("USER_ID", user, "AGE", 18 + random.nextInt(40)));
      String action = PLANTED.actions().get(random.nextInt(PLANTED.actions().size()));
      interactions.put(user, Map.of("Taken", Set.of(action), "Viewed", Set.of(PLANTED.plantedAction(u))));
      if (u % 3 == 0) {
        takings.put(user, Map.of(PLANTED.plantedAction(u), END - 3600, "not-an-action", END - 60));
      }
    }
    Live live = new Live(AttributeTable.empty("ACTION_ID").withRecords(actionRecords), AttributeTable.empty("USER_ID").withRecords(userRecords), interactions);
    FilterExpression filter = FilterExpression.parse(FILTER);
    ActionSnapshot written = ActionSnapshot.of(END, takings, Optional.of(filter), live, live.users(), interactions.keySet());
    ActionSnapshot read = roundTrip(written);

    assertThat(read.now()).isEqualTo(END);
    assertThat(read.filter().map(FilterExpression::text)).contains(FILTER);
    BatchActionAnswerer answerer = new BatchActionAnswerer(model, read);
    assertThat(answerer.filtered()).isTrue();
    CompiledFilter compiled = CompiledFilter.compileForActions(filter, model.items().ids());
    int filteredAway = 0;
    int movedByTakings = 0;
    for (int u = 0; u < PLANTED.users(); u++) {
      String user = PLANTED.userId(u);
      Map<String, String> values = Map.of("LIMIT", Integer.toString(10 + 5 * (u % 3)));
      ItemMask mask = FilterEvaluation.actionMask(compiled, live, model.items(), values, user);
      List<RecommendedAction> expected = model.recommendActions(user, model.takenIndexes(takings.getOrDefault(user, Map.of())), END, 10, mask);
      assertThat(answerer.actions(user, 10, values)).as(user).isEqualTo(expected.stream().map(a -> new BatchAction(model.actions().id(a.action()), a.score())).toList());
      filteredAway += expected.size() < model.recommendActions(user, Map.of(), END, 10, ItemMask.ALL).size() ? 1 : 0;
      movedByTakings += takings.containsKey(user) && !expected.equals(model.recommendActions(user, Map.of(), END, 10, mask)) ? 1 : 0;
    }
    // The filter and the takings both change answers, so the comparison above tests them.
    assertThat(filteredAway).isGreaterThan(PLANTED.users() / 2);
    assertThat(movedByTakings).isPositive();
  }

  @Test
  void a_line_without_the_filter_s_value_is_refused_with_the_filter_s_message() throws IOException {
    Live live = new Live(AttributeTable.empty("ACTION_ID"), AttributeTable.empty("USER_ID"), Map.of());
    ActionSnapshot read = roundTrip(ActionSnapshot.of(END, Map.of(), Optional.of(FilterExpression.parse("INCLUDE ActionID WHERE Actions.VALUE < $LIMIT")), live,
        live.users(), List.of()));
    assertThatThrownBy(() -> new BatchActionAnswerer(model, read).actions(PLANTED.userId(0), 3, Map.of()))
        .isInstanceOf(LineRefusedException.class).hasMessageContaining("LIMIT");
  }

  @Test
  void a_snapshot_without_a_filter_keeps_the_takings_and_no_records() throws IOException {
    AttributeTable actions = AttributeTable.empty("ACTION_ID").withRecords(List.of(Map.of("ACTION_ID", "act-0", "VALUE", 3)));
    Live live = new Live(actions, AttributeTable.empty("USER_ID").withRecords(List.of(Map.of("USER_ID", "u1", "AGE", 40))),
        Map.of("u1", Map.of("Taken", Set.of("act-0"))));
    ActionSnapshot read = roundTrip(ActionSnapshot.of(END - 5, Map.of("u1", Map.of("act-0", END - 100)), Optional.empty(), live, live.users(), List.of("u1")));
    assertThat(read.now()).isEqualTo(END - 5);
    assertThat(read.takings("u1")).isEqualTo(Map.of("act-0", END - 100));
    assertThat(read.takings("u2")).isEmpty();
    assertThat(read.filter()).isEmpty();
    assertThat(read.actions().size()).isZero();
    assertThat(read.user("u1")).isEmpty();
    assertThat(read.actionInteractions("u1")).isEmpty();
    assertThat(new BatchActionAnswerer(model, read).filtered()).isFalse();
  }

  private static ActionSnapshot roundTrip(ActionSnapshot snapshot) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    snapshot.write(out);
    return ActionSnapshot.read(new ByteArrayInputStream(out.toByteArray()), "test");
  }
}
