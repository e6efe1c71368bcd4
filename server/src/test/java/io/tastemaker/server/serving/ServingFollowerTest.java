package io.tastemaker.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.csv.CsvImporter;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.popularity.PopularityTrainer;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.Quotas;
import io.tastemaker.server.jobs.JobRunner;
import io.tastemaker.server.objects.DataLocations;
import io.tastemaker.server.objects.DiskSpace;
import io.tastemaker.server.objects.FreeSpace;
import io.tastemaker.server.objects.LocalDataRoots;
import io.tastemaker.server.objects.LocalObjectStore;
import io.tastemaker.server.objects.ObjectStore;
import io.tastemaker.server.objects.S3Access;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.ResourceStore;
import io.tastemaker.server.store.TagStore;
import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Schemas;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ServingFollower on the real stores: rows changed as another replica would change them (a campaign
 * pointed at a new version or given a new configuration, deleted, an update under way; a recommender
 * retrained or stopped) are followed by what this replica serves, and the old model answers until
 * the new one is in memory.
 */
class ServingFollowerTest {
  private static final String GROUP = "arn:aws:personalize:us-east-1:000000000000:dataset-group/shop";
  private static final String SOLUTION = "arn:aws:personalize:us-east-1:000000000000:solution/shop";
  private static final String V1 = SOLUTION + "/00000001";
  private static final String V2 = SOLUTION + "/00000002";
  private static final String CAMPAIGN = "arn:aws:personalize:us-east-1:000000000000:campaign/shop";
  private static final String RECOMMENDER = "arn:aws:personalize:us-east-1:000000000000:recommender/shop";
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir Path dir;
  private Database db;
  private JobRunner jobs;
  private GatedStore objects;
  private ApiContext ctx;
  private CampaignServing campaigns;
  private RecommenderServing recommenders;
  private ServingFollower follower;

  /** The local store, whose reads of one key wait until the test opens the gate. */
  private static final class GatedStore implements ObjectStore {
    private final LocalObjectStore store;
    private volatile String gatedKey = "";
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    GatedStore(LocalObjectStore store) {
      this.store = store;
    }

    @Override
    public PendingObject create(String key) throws IOException {
      return store.create(key);
    }

    @Override
    public InputStream open(String key) throws IOException {
      return store.open(key);
    }

    @Override
    public <T> T read(String key, Decoder<T> decoder) {
      if (key.equals(gatedKey)) {
        reading.countDown();
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return store.read(key, decoder);
    }

    @Override
    public boolean exists(String key) throws IOException {
      return store.exists(key);
    }

    @Override
    public void delete(String key) throws IOException {
      store.delete(key);
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
      store.deleteAll(prefix);
    }

    @Override
    public List<String> keys() throws IOException {
      return store.keys();
    }

    @Override
    public long size(String key) throws IOException {
      return store.size(key);
    }

    @Override
    public void discardUnfinished() throws IOException {
      store.discardUnfinished();
    }

    @Override
    public String location() {
      return store.location();
    }

    @Override
    public Optional<String> unreachableReason() {
      return store.unreachableReason();
    }
  }

  @BeforeEach
  void open() throws Exception {
    db = Database.openEmbedded(dir);
    jobs = new JobRunner(db, Clock.systemUTC(), 1, 1);
    objects = new GatedStore(new LocalObjectStore(dir.resolve("objects")));
    ctx = new ApiContext(
        db, new ResourceStore(), new TagStore(), jobs, new Arns("us-east-1", "000000000000"), "000000000000", Clock.systemUTC(), Quotas.defaults(), objects,
        new DataLocations(new S3Access(Optional.empty()), new LocalDataRoots(List.of(), dir)), RecipeRegistry.standard(), new DiskSpace(FreeSpace.of(dir)));
    LiveTrends trends = new LiveTrends(ctx);
    campaigns = new CampaignServing(ctx, 10, trends);
    recommenders = new RecommenderServing(ctx, 10, trends);
    // V1's model ranks movie-a first, V2's movie-b.
    insert(version(V1, model("models/v1.model", "movie-a")));
    insert(version(V2, model("models/v2.model", "movie-b")));
    ObjectNode campaign = Json.object().put("solutionVersionArn", V1);
    campaign.putObject("campaignConfig");
    insert(resource(CAMPAIGN, ResourceKind.CAMPAIGN, Status.ACTIVE, campaign));
  }

  @AfterEach
  void close() {
    if (follower != null) {
      follower.close();
    }
    objects.open.countDown();
    jobs.close();
    db.close();
  }

  /** A popularity model of three items, {@code first} the most popular, written under {@code key}. */
  private String model(String key, String first) throws Exception {
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP\n");
    int row = 0;
    for (String item : List.of(first, "movie-c", first.equals("movie-a") ? "movie-b" : "movie-a")) {
      // The first item has three users, the next two, the last one.
      for (int u = 0; u < 3 - row; u++) {
        csv.append("user-").append(u).append(',').append(item).append(",watch,1,").append(1_700_000_000L + row).append('\n');
      }
      row++;
    }
    List<Segment> segments = new ArrayList<>();
    new CsvImporter(AvroSchemaParser.parse(Schemas.INTERACTIONS), DatasetType.INTERACTIONS)
        .importFile("test.csv", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), segments::add);
    Recommender model = PopularityTrainer.train(InteractionData.fromSegments(segments, InteractionFilter.ALL));
    try (ObjectStore.PendingObject object = objects.create(key)) {
      ctx.recipes().codec().write(model, object.stream());
      object.commit();
    }
    return key;
  }

  private static Resource version(String arn, String modelKey) {
    ObjectNode attributes = Json.object().put(ModelFiles.MODEL, modelKey).put("recipeArn", "arn:aws:personalize:::recipe/aws-popularity-count");
    return resource(arn, ResourceKind.SOLUTION_VERSION, Status.ACTIVE, attributes);
  }

  private static Resource resource(String arn, ResourceKind kind, String status, ObjectNode attributes) {
    Instant at = Instant.ofEpochSecond(1_700_000_000L);
    return new Resource(arn, kind, arn.substring(arn.lastIndexOf('/') + 1), Optional.of(GROUP), Optional.of(GROUP), Optional.of(status), Optional.empty(), at, at,
        attributes);
  }

  private void insert(Resource r) {
    db.write(tx -> ctx.resources().insert(tx, r, r.arn()));
  }

  /** Changes a row as another replica would. */
  private void change(String arn, java.util.function.UnaryOperator<Resource> how) {
    db.write(tx -> {
      ctx.resources().update(tx, how.apply(ctx.resources().find(tx, arn).orElseThrow()));
      return null;
    });
  }

  private static Resource withAttribute(Resource r, String name, com.fasterxml.jackson.databind.JsonNode value) {
    ObjectNode attributes = r.attributes();
    attributes.set(name, value);
    return r.withAttributes(attributes, r.updatedAt());
  }

  private static String firstItem(ServedModel served) {
    return served.model().items().ids().get(served.model().recommend(UserQuery.of("someone"), 1, ItemMask.ALL).items()[0]);
  }

  private void follow() {
    follower = ServingFollower.start(ctx, campaigns, recommenders, Duration.ofMillis(20));
  }

  @Test
  void a_campaign_pointed_at_a_new_version_serves_it() {
    assertThat(campaigns.served(CAMPAIGN).orElseThrow().solutionVersionArn()).isEqualTo(V1);
    follow();
    change(CAMPAIGN, c -> withAttribute(c, "solutionVersionArn", TextNode.valueOf(V2)));
    Await.condition(() -> campaigns.served(CAMPAIGN).orElseThrow().solutionVersionArn().equals(V2), DEADLINE, "the campaign serves V2");
    assertThat(firstItem(campaigns.served(CAMPAIGN).orElseThrow())).isEqualTo("movie-b");
  }

  @Test
  void a_new_configuration_is_served_with_the_same_model() throws Exception {
    ServedModel before = campaigns.served(CAMPAIGN).orElseThrow();
    follow();
    ObjectNode config = (ObjectNode) Json.parse("{\"rankingInfluence\": {\"POPULARITY\": 1.0}}");
    change(CAMPAIGN, c -> withAttribute(c, "campaignConfig", config));
    Await.condition(() -> campaigns.served(CAMPAIGN).orElseThrow().settings().equals(CampaignSettings.of(config)), DEADLINE, "the new settings are served");
    assertThat(before.settings()).isNotEqualTo(CampaignSettings.of(config));
    assertThat(campaigns.served(CAMPAIGN).orElseThrow().solutionVersionArn()).isEqualTo(V1);
  }

  @Test
  void a_deleted_campaign_stops_serving() {
    campaigns.served(CAMPAIGN).orElseThrow();
    follow();
    db.write(tx -> {
      ctx.resources().delete(tx, CAMPAIGN);
      return null;
    });
    Await.condition(() -> campaigns.servedModels().isEmpty(), DEADLINE, "nothing is served");
    assertThat(campaigns.served(CAMPAIGN)).isEmpty();
  }

  @Test
  void a_campaign_whose_update_is_unfinished_keeps_its_model_until_the_update_ends() {
    campaigns.served(CAMPAIGN).orElseThrow();
    // The replica running the deployment names V2 in the row while its update is in progress.
    change(CAMPAIGN, c -> withAttribute(withAttribute(c, "solutionVersionArn", TextNode.valueOf(V2)), CampaignSync.LATEST_UPDATE,
        Json.object().put("status", Status.CREATE_IN_PROGRESS)));
    follow();
    // Its passes are counted by what they compare: a pass that reads the row must leave V1 in place.
    for (int pass = 0; pass < 5; pass++) {
      follower.check();
      assertThat(campaigns.served(CAMPAIGN).orElseThrow().solutionVersionArn()).isEqualTo(V1);
    }
    change(CAMPAIGN, c -> withAttribute(c, CampaignSync.LATEST_UPDATE, Json.object().put("status", Status.ACTIVE)));
    Await.condition(() -> campaigns.served(CAMPAIGN).orElseThrow().solutionVersionArn().equals(V2), DEADLINE, "the campaign serves V2");
  }

  @Test
  void the_old_model_answers_while_the_new_one_loads() throws Exception {
    ServedModel old = campaigns.served(CAMPAIGN).orElseThrow();
    objects.gatedKey = "models/v2.model";
    follow();
    change(CAMPAIGN, c -> withAttribute(c, "solutionVersionArn", TextNode.valueOf(V2)));
    assertThat(objects.reading.await(10, TimeUnit.SECONDS)).as("the follower loads V2").isTrue();
    // Loading: every request meanwhile gets the old model's answer.
    for (int request = 0; request < 20; request++) {
      ServedModel served = campaigns.served(CAMPAIGN).orElseThrow();
      assertThat(served).isSameAs(old);
      assertThat(firstItem(served)).isEqualTo("movie-a");
    }
    objects.open.countDown();
    Await.condition(() -> campaigns.served(CAMPAIGN).orElseThrow().solutionVersionArn().equals(V2), DEADLINE, "the campaign serves V2");
    assertThat(firstItem(campaigns.served(CAMPAIGN).orElseThrow())).isEqualTo("movie-b");
  }

  @Test
  void a_recommender_retrained_elsewhere_serves_its_new_model_and_stops_when_stopped() throws Exception {
    ObjectNode attributes = Json.object().put(RecommenderServing.MODEL, "models/v1.model").put("recipeArn", "arn:aws:personalize:::recipe/aws-ecomm-popular-items-by-views");
    attributes.putObject("recommenderConfig");
    insert(resource(RECOMMENDER, ResourceKind.RECOMMENDER, Status.ACTIVE, attributes));
    assertThat(firstItem(recommenders.served(RECOMMENDER))).isEqualTo("movie-a");
    follow();
    change(RECOMMENDER, r -> withAttribute(r, RecommenderServing.MODEL, TextNode.valueOf("models/v2.model")));
    Await.condition(() -> recommenders.served(RECOMMENDER).solutionVersionArn().equals("models/v2.model"), DEADLINE, "the recommender serves its new model");
    assertThat(firstItem(recommenders.served(RECOMMENDER))).isEqualTo("movie-b");
    assertThat(campaigns.served(CAMPAIGN).orElseThrow().solutionVersionArn()).as("the campaign is left alone").isEqualTo(V1);
    change(RECOMMENDER, r -> r.withStatus(Status.INACTIVE, Optional.empty(), r.updatedAt()));
    Await.condition(() -> recommenders.servedModels().isEmpty(), DEADLINE, "the stopped recommender is no longer served");
  }
}
