package io.tastemaker.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.recipe.RecipeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BatchLinesTest {
  /** Answers each user with "<user>-a" (score 0.75) and "<user>-b" (unscored); counts the blocks it is asked. */
  private static final class Fake implements BatchAnswerer {
    final List<Integer> blocks = new ArrayList<>();

    @Override
    public List<Supplier<List<BatchItem>>> forUsers(List<UserLine> lines, int n) {
      blocks.add(lines.size());
      List<Supplier<List<BatchItem>>> answers = new ArrayList<>();
      for (UserLine line : lines) {
        if (line.userId().equals("refused")) {
          answers.add(() -> {
            throw new LineRefusedException("no such filter value");
          });
        } else {
          answers.add(() -> List.of(new BatchItem(line.userId() + "-a", OptionalDouble.of(0.75)), new BatchItem(line.userId() + "-b", OptionalDouble.empty())));
        }
      }
      return answers;
    }

    @Override
    public List<BatchItem> related(String itemId, int n, Optional<String> userId, Map<String, String> filterValues) {
      return List.of(new BatchItem(itemId + "-near", OptionalDouble.empty()));
    }

    @Override
    public List<BatchItem> rank(String userId, List<String> itemIds, Map<String, String> context, Map<String, String> filterValues) {
      return itemIds.stream().map(id -> new BatchItem(id, OptionalDouble.of(1.0 / itemIds.size()))).toList();
    }

    @Override
    public List<BatchAction> actions(String userId, int n, Map<String, String> filterValues) {
      return List.of(new BatchAction("a1", 0.5));
    }
  }

  @Test
  void user_lines_are_answered_as_one_block_and_bad_lines_get_their_error_in_place() {
    Fake fake = new Fake();
    BatchLines lines = new BatchLines(fake, RecipeType.USER_PERSONALIZATION, "aws-hrnn", true, 2, false);
    List<String> out = lines.answerAll(List.of("{\"userId\": \"u1\"}", "not json", "[1]", "{\"userId\": 7}", "{\"userId\": \"u2\", \"filterValues\": {\"G\": \"x\"}}",
        "{\"userId\": \"refused\"}", "{\"userId\":\"u3\"}"));
    assertThat(fake.blocks).containsExactly(3);
    assertThat(out.get(0)).isEqualTo("{\"input\":{\"userId\":\"u1\"},\"output\":{\"recommendedItems\":[\"u1-a\",\"u1-b\"],\"scores\":[0.75]},\"error\":null}");
    assertThat(out.get(1)).startsWith("{\"input\":\"not json\",\"output\":null,\"error\":\"The line is not valid JSON: ");
    assertThat(out.get(2)).isEqualTo("{\"input\":[1],\"output\":null,\"error\":\"The line must be a JSON object, such as {\\\"userId\\\": \\\"42\\\"}.\"}");
    assertThat(out.get(3)).contains("\"error\":\"userId must be a string of 1 to 256 characters, got 7.\"");
    assertThat(out.get(4)).contains("\"error\":\"filterValues are given, but the job has no filterArn.\"");
    assertThat(out.get(5)).isEqualTo("{\"input\":{\"userId\":\"refused\"},\"output\":null,\"error\":\"no such filter value\"}");
    assertThat(out.get(6)).contains("\"recommendedItems\":[\"u3-a\",\"u3-b\"]");
  }

  @Test
  void recipes_without_scores_write_no_scores_and_ranking_lines_check_their_list() {
    BatchLines related = new BatchLines(new Fake(), RecipeType.RELATED_ITEMS, "aws-sims", false, 5, false);
    assertThat(related.answer("{\"itemId\": \"i1\"}")).isEqualTo("{\"input\":{\"itemId\":\"i1\"},\"output\":{\"recommendedItems\":[\"i1-near\"]},\"error\":null}");
    BatchLines ranking = new BatchLines(new Fake(), RecipeType.PERSONALIZED_RANKING, "aws-personalized-ranking", true, 5, false);
    assertThat(ranking.answer("{\"userId\": \"u\", \"itemList\": [\"x\", \"y\"]}")).contains("\"recommendedItems\":[\"x\",\"y\"],\"scores\":[0.5,0.5]");
    assertThat(ranking.answer("{\"userId\": \"u\"}")).contains("itemList is required");
    assertThat(ranking.answer("{\"userId\": \"u\", \"itemList\": [3]}")).contains("itemList must hold item ids as strings, got 3.");
    BatchLines segments = new BatchLines(new Fake(), RecipeType.USER_SEGMENTATION, "aws-item-affinity", false, 5, false);
    assertThat(segments.answer("{\"itemId\": \"i1\"}")).contains("aws-item-affinity makes user segments: run a batch segment job (CreateBatchSegmentJob).");
  }
}
