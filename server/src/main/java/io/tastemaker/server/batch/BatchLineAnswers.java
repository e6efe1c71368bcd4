package io.tastemaker.server.batch;

import io.tastemaker.core.batch.BatchAction;
import io.tastemaker.core.batch.BatchAnswerer;
import io.tastemaker.core.batch.BatchItem;
import io.tastemaker.core.batch.BatchLines;
import io.tastemaker.core.batch.LineRefusedException;
import io.tastemaker.core.batch.UserLine;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.server.serving.ActionAnswers;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.ServedItem;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server's answers to batch inference lines ({@link BatchLines} writes them): {@link
 * ModelAnswers}, the code GetRecommendations and GetPersonalizedRanking use, with the job's filter
 * and ranking influence, and {@link ActionAnswers} for aws-next-best-action lines. A request the
 * serving layer refuses becomes the line's error.
 */
public final class BatchLineAnswers implements BatchAnswerer {
  private final ModelAnswers answers;
  private final ActionAnswers actionAnswers;
  private final ServedModel served;
  private final Optional<String> filterArn;

  public BatchLineAnswers(ModelAnswers answers, ActionAnswers actionAnswers, ServedModel served, Optional<String> filterArn) {
    this.answers = answers;
    this.actionAnswers = actionAnswers;
    this.served = served;
    this.filterArn = filterArn;
  }

  /** The job's lines, answered here. */
  public BatchLines lines(int numResults) {
    Recommender model = served.model();
    return new BatchLines(this, model.type(), model.recipe(), model.scores(), numResults, filterArn.isPresent());
  }

  @Override
  public List<Supplier<List<BatchItem>>> forUsers(List<UserLine> lines, int n) {
    List<ModelAnswers.UserRequest> requests = new ArrayList<>(lines.size());
    for (UserLine line : lines) {
      requests.add(new ModelAnswers.UserRequest(line.userId(), line.context(), filter(line.filterValues())));
    }
    List<Supplier<List<ServedItem>>> answered = answers.forUsers(served, requests, n);
    List<Supplier<List<BatchItem>>> items = new ArrayList<>(answered.size());
    for (Supplier<List<ServedItem>> answer : answered) {
      items.add(() -> refusedAsLine(() -> items(answer.get())));
    }
    return items;
  }

  @Override
  public List<BatchItem> related(String itemId, int n, Optional<String> userId, Map<String, String> filterValues) {
    return refusedAsLine(() -> items(answers.related(served, itemId, n, userId, filter(filterValues))));
  }

  @Override
  public List<BatchItem> rank(String userId, List<String> itemIds, Map<String, String> context, Map<String, String> filterValues) {
    return refusedAsLine(() -> items(answers.rank(served, userId, itemIds, context, filter(filterValues), false)));
  }

  @Override
  public List<BatchAction> actions(String userId, int n, Map<String, String> filterValues) {
    return refusedAsLine(() -> {
      List<BatchAction> actions = new ArrayList<>();
      for (ActionAnswers.ServedAction a : actionAnswers.forUser(served, userId, n, filter(filterValues))) {
        actions.add(new BatchAction(a.actionId(), a.score()));
      }
      return actions;
    });
  }

  private ModelAnswers.Filter filter(Map<String, String> values) {
    return new ModelAnswers.Filter(filterArn, values);
  }

  private static List<BatchItem> items(List<ServedItem> served) {
    List<BatchItem> items = new ArrayList<>(served.size());
    served.forEach(item -> items.add(new BatchItem(item.itemId(), item.score())));
    return items;
  }

  /** What the serving layer refuses (a filter's missing value, an unknown filter) is the line's error. */
  private static <T> T refusedAsLine(Supplier<T> answer) {
    try {
      return answer.get();
    } catch (ApiException e) {
      throw new LineRefusedException(e.getMessage());
    }
  }
}
