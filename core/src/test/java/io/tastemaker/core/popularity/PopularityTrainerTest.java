package io.tastemaker.core.popularity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PopularityTrainerTest {
  private static InteractionData data() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    // "b": 3 distinct users; "a": 2 users but 5 events; "c": 2 users; "d": 1 user.
    b.add("u1", "a", 1, Optional.empty(), Double.NaN);
    b.add("u1", "a", 2, Optional.empty(), Double.NaN);
    b.add("u1", "a", 3, Optional.empty(), Double.NaN);
    b.add("u2", "a", 1, Optional.empty(), Double.NaN);
    b.add("u2", "a", 2, Optional.empty(), Double.NaN);
    b.add("u1", "b", 4, Optional.empty(), Double.NaN);
    b.add("u2", "b", 4, Optional.empty(), Double.NaN);
    b.add("u3", "b", 4, Optional.empty(), Double.NaN);
    b.add("u3", "c", 5, Optional.empty(), Double.NaN);
    b.add("u4", "c", 5, Optional.empty(), Double.NaN);
    b.add("u4", "d", 6, Optional.empty(), Double.NaN);
    return b.build();
  }

  private static List<String> ids(Recommender model, Ranking ranking) {
    return Arrays.stream(ranking.items()).mapToObj(i -> model.items().id(i)).toList();
  }

  @Test
  void items_rank_by_distinct_users_with_ties_broken_by_id() {
    PopularityModel model = PopularityTrainer.train(data());
    Ranking top = model.recommend(UserQuery.anonymous(History.EMPTY), 10, item -> true);
    assertThat(ids(model, top)).containsExactly("b", "a", "c", "d");
    assertThat(model.userCount(0)).isEqualTo(3);
    assertThat(top.scored()).isFalse();
  }

  @Test
  void every_user_gets_the_same_list_and_the_mask_is_honoured() {
    PopularityModel model = PopularityTrainer.train(data());
    Ranking first = model.recommend(UserQuery.anonymous(new History(new int[] {1}, new long[] {9})), 2, item -> true);
    assertThat(ids(model, first)).containsExactly("b", "a");
    int a = model.items().indexOf("a").orElseThrow();
    assertThat(ids(model, model.recommend(UserQuery.of("u1"), 2, item -> item != a))).containsExactly("b", "c");
  }

  @Test
  void a_model_reads_back_from_its_file() throws Exception {
    PopularityModel model = PopularityTrainer.train(data());
    ModelCodec codec = new ModelCodec(Map.of("aws-popularity-count", new PopularityFormat()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(model, out);
    Recommender read = codec.read(new ByteArrayInputStream(out.toByteArray()), "m");
    assertThat(read.items().ids()).containsExactly("b", "a", "c", "d");
    assertThat(read.recommend(UserQuery.of("u9"), 4, i -> true)).isEqualTo(model.recommend(UserQuery.of("u9"), 4, i -> true));
  }
}
