package io.tastemaker.server.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.csv.CsvImporter;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.server.testing.Schemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelSpaceTest {
  private static final int USERS = 3000;
  private static final int ITEMS = 2000;
  private static InteractionData data;

  /** Many users and items, few interactions each, so that the per-user and per-item terms of the estimate dominate. */
  @BeforeAll
  static void data() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\n");
    for (int u = 0; u < USERS; u++) {
      for (int k = 0; k < 4; k++) {
        int item = k == 0 ? u % ITEMS : random.nextInt(ITEMS);
        csv.append("user-").append(u).append(",item-").append(item).append(",watch,1,").append(1_700_000_000L + 60L * k).append('\n');
      }
    }
    List<Segment> segments = new ArrayList<>();
    new CsvImporter(AvroSchemaParser.parse(Schemas.INTERACTIONS), DatasetType.INTERACTIONS)
        .importFile("test.csv", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), segments::add);
    data = InteractionData.fromSegments(segments, InteractionFilter.ALL);
  }

  private static long modelBytes(String recipe, Map<String, String> hyperparameters) throws Exception {
    RecipeRegistry registry = RecipeRegistry.standard();
    Map<String, String> resolved = RecipeCatalog.byName(recipe).orElseThrow().resolve(hyperparameters, Map.of());
    Recommender model = registry.trainer(recipe).orElseThrow().train(new TrainingInput(data, resolved, 42), TrainingMonitor.NONE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    registry.codec().write(model, bytes);
    return bytes.size();
  }

  @Test
  void the_estimate_bounds_an_hrnn_model_without_wasting_much() throws Exception {
    Map<String, String> knobs = Map.of("hidden_dimension", "64", "epochs", "1", "threads", "2");
    long actual = modelBytes("aws-hrnn", knobs);
    long estimate = ModelSpace.estimate(data.userCount(), data.itemCount(), knobs);
    assertThat(data.userCount()).isEqualTo(USERS);
    assertThat(actual).isLessThanOrEqualTo(estimate).isGreaterThan(estimate / 4);
  }

  @Test
  void the_estimate_bounds_sims_and_popularity_models() throws Exception {
    long estimate = ModelSpace.estimate(data.userCount(), data.itemCount(), Map.of());
    assertThat(modelBytes("aws-sims", Map.of())).isLessThanOrEqualTo(estimate);
    assertThat(modelBytes("aws-popularity-count", Map.of())).isLessThanOrEqualTo(estimate);
  }

  @Test
  void without_a_dimension_the_largest_is_assumed() {
    assertThat(ModelSpace.estimate(1000, 1000, Map.of()))
        .isEqualTo(ModelSpace.estimate(1000, 1000, Map.of("hidden_dimension", "256")))
        .isEqualTo((1 << 20) + 2000L * (16 * 256 + 256));
    assertThat(ModelSpace.estimate(10, 10, Map.of("hidden_dimension", "not a number"))).isEqualTo(ModelSpace.estimate(10, 10, Map.of()));
  }
}
