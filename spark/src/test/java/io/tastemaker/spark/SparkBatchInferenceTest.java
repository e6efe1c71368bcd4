package io.tastemaker.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.batch.BatchFilter;
import io.tastemaker.core.batch.BatchInfluence;
import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.batch.BatchLines;
import io.tastemaker.core.batch.SegmentLineAnswers;
import io.tastemaker.core.batch.ModelAnswerer;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.filter.AttributeRecord;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.FilterRecords;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.rules.ItemSignalSnapshot;
import io.tastemaker.core.rules.RankingWeights;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.server.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Spark application in local mode over a small aws-hrnn model: every {@code .out} file holds,
 * line for line, what core's {@link BatchLines} answer in one thread in blocks of 256, as the
 * server's job hands them out (unknown users, malformed lines and blank lines included), under the
 * server's file name, from local files or from S3 (moto) with the model in an S3 object store; a
 * missing or damaged model fails the job saying which file.
 */
class SparkBatchInferenceTest {
  private static final String ARN = "arn:aws:personalize:us-east-1:000000000000:batch-inference-job/test";
  private static final String BUCKET = "spark-batch";
  @TempDir static Path dir;
  private static MotoServer moto;
  private static S3Client s3;
  private static JavaSparkContext spark;
  private static Recommender model;
  private static Path modelFile;
  private static AffinityModel affinity;
  private static InteractionData interactions;

  @BeforeAll
  static void startSparkAndTrain() throws Exception {
    moto = MotoServer.start();
    s3 = moto.s3();
    s3.createBucket(r -> r.bucket(BUCKET));
    // The application finds credentials the standard way; system properties are part of that chain.
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkBatchInferenceTest")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    Random random = new Random(7);
    InteractionData.Builder data = new InteractionData.Builder(List.of());
    for (int u = 0; u < 120; u++) {
      // Two tastes, so that users differ: even users mostly take even items.
      for (int t = 0; t < 12; t++) {
        int item = 2 * random.nextInt(20) + (random.nextDouble() < 0.8 ? u % 2 : 1 - u % 2);
        data.add(user(u), "item-" + item, 1_000_000L + u * 100L + t, Optional.empty(), Double.NaN);
      }
    }
    Map<String, String> knobs = Map.of("hidden_dimension", "32", "epochs", "2", "batch_size", "32", "bptt", "8", "threads", "2");
    Map<String, String> hp = RecipeCatalog.byName("aws-hrnn").orElseThrow().resolve(knobs, Map.of());
    RecipeRegistry recipes = RecipeRegistry.standard();
    interactions = data.build();
    model = recipes.trainer("aws-hrnn").orElseThrow().train(new TrainingInput(interactions, hp, 11), TrainingMonitor.NONE);
    Map<String, String> affinityHp = RecipeCatalog.byName("aws-item-affinity").orElseThrow().resolve(Map.of("embedding_dimension", "16", "epochs", "3"), Map.of());
    affinity = (AffinityModel) recipes.trainer("aws-item-affinity").orElseThrow().train(new TrainingInput(interactions, affinityHp, 11), TrainingMonitor.NONE);
    try (OutputStream out = Files.newOutputStream(dir.resolve("affinity.model"))) {
      recipes.codec().write(affinity, out);
    }
    modelFile = dir.resolve("hrnn.model");
    try (OutputStream out = Files.newOutputStream(modelFile)) {
      recipes.codec().write(model, out);
    }
  }

  @AfterAll
  static void stopSpark() throws InterruptedException {
    if (spark != null) {
      spark.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (moto != null) {
      s3.close();
      moto.close();
    }
  }

  private static String user(int u) {
    return String.format("user-%03d", u);
  }

  /** What the server's job writes: core's lines, 256 non-blank lines at a time, in one thread. */
  private static List<String> inProcess(List<String> input, int numResults) {
    BatchLines lines = new BatchLines(new ModelAnswerer(model, Optional.empty()), model.type(), model.recipe(), model.scores(), numResults, false);
    List<String> kept = input.stream().filter(l -> !l.isBlank()).toList();
    List<String> out = new ArrayList<>();
    for (int from = 0; from < kept.size(); from += 256) {
      out.addAll(lines.answerAll(kept.subList(from, Math.min(kept.size(), from + 256))));
    }
    return out;
  }

  private static BatchJobDescription job(Path model, int numResults, Path out, Path... inputs) {
    List<BatchJobDescription.FileJob> files = new ArrayList<>();
    for (Path in : inputs) {
      files.add(new BatchJobDescription.FileJob(in.toString(), out.toString(), in.getFileName() + ".out"));
    }
    return new BatchJobDescription(ARN, BatchJobDescription.Kind.INFERENCE, model.toString(), numResults, Optional.empty(), files, BatchJobDescription.S3.AWS_DEFAULT, dir.resolve("failure.txt"));
  }

  @Test
  void out_files_equal_the_in_process_lines_line_for_line_and_in_order() throws IOException {
    List<String> first = new ArrayList<>();
    for (int u = 0; u < 600; u++) {
      first.add("{\"userId\": \"" + user(u % 120) + "\"}");
    }
    first.add(300, "{\"userId\": \"a-stranger\"}");
    first.add(301, "not json at all");
    first.add(302, "");
    first.add(303, "[1, 2]");
    first.add(304, "{\"itemId\": \"item-3\"}");
    first.add(305, "{\"userId\": \"user-004\", \"filterValues\": {\"GENRE\": \"\\\"comedy\\\"\"}}");
    List<String> second = List.of("{\"userId\":\"user-005\"}", "{\"userId\":\"user-006\", \"context\": {\"DEVICE\": \"phone\"}}");
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.write(in.resolve("first.json"), first);
    Files.write(in.resolve("second.json"), second);
    Path out = dir.resolve("out");
    Files.createDirectories(out);

    long lines = new SparkBatchInference(spark).run(job(modelFile, 7, out, in.resolve("first.json"), in.resolve("second.json")));

    List<String> expected = inProcess(first, 7);
    assertThat(Files.readAllLines(out.resolve("first.json.out"))).containsExactlyElementsOf(expected);
    assertThat(Files.readAllLines(out.resolve("second.json.out"))).containsExactlyElementsOf(inProcess(second, 7));
    assertThat(lines).isEqualTo(expected.size() + second.size());
    assertThat(expected.get(300)).contains("\"error\":null").contains("\"scores\":[");
    assertThat(expected.get(301)).contains("not valid JSON");
    assertThat(expected.get(302)).contains("must be a JSON object");
    assertThat(expected.get(303)).contains("userId is required");
    assertThat(expected.get(304)).contains("filterValues are given, but the job has no filterArn.");
    // Only the finished files are left: no part files, no unfinished file.
    try (var listed = Files.list(out)) {
      assertThat(listed.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("first.json.out", "second.json.out");
    }
  }

  /** 600 user lines with strangers, malformed and blank lines, and multi-byte characters, with Windows and Unix line breaks. */
  private static List<String> mixedLines() {
    List<String> lines = new ArrayList<>();
    for (int u = 0; u < 600; u++) {
      lines.add("{\"userId\": \"" + user(u % 120) + "\"}");
    }
    lines.add(100, "{\"userId\": \"été-中文\"}");
    lines.add(200, "not json at all");
    lines.add(201, "");
    lines.add(202, "   ");
    return lines;
  }

  @Test
  void s3_input_model_and_output_give_the_in_process_lines_and_leave_only_whole_out_objects() throws IOException {
    List<String> first = mixedLines();
    // Windows line breaks in one file: the server's reader takes any line break, so the ranges must too.
    s3.putObject(r -> r.bucket(BUCKET).key("in/first.json"), RequestBody.fromString(String.join("\r\n", first) + "\r\n", StandardCharsets.UTF_8));
    List<String> second = List.of("{\"userId\":\"user-005\"}", "{\"userId\":\"user-006\"}");
    s3.putObject(r -> r.bucket(BUCKET).key("in/second.json"), RequestBody.fromString(String.join("\n", second), StandardCharsets.UTF_8));
    s3.putObject(r -> r.bucket(BUCKET).key("store/models/hrnn.model"), RequestBody.fromFile(modelFile));
    List<BatchJobDescription.FileJob> files = List.of(
        new BatchJobDescription.FileJob("s3://" + BUCKET + "/in/first.json", "s3://" + BUCKET + "/out/", "first.json.out"),
        new BatchJobDescription.FileJob("s3://" + BUCKET + "/in/second.json", "s3://" + BUCKET + "/out", "second.json.out"));
    BatchJobDescription job = new BatchJobDescription(ARN, BatchJobDescription.Kind.INFERENCE, "s3://" + BUCKET + "/store/models/hrnn.model", 5, Optional.empty(), files,
        new BatchJobDescription.S3(Optional.of(moto.endpoint().toString()), "us-east-1"), dir.resolve("failure.txt"));

    long lines = new SparkBatchInference(spark).run(job);

    List<String> expected = inProcess(first, 5);
    assertThat(objectLines("out/first.json.out")).containsExactlyElementsOf(expected);
    assertThat(objectLines("out/second.json.out")).containsExactlyElementsOf(inProcess(second, 5));
    assertThat(lines).isEqualTo(expected.size() + second.size());
    assertThat(expected.get(100)).contains("été-中文");
    // The parts are gone: only the finished objects are left under the output prefix.
    assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("out/")).contents()).extracting(S3Object::key)
        .containsExactlyInAnyOrder("out/first.json.out", "out/second.json.out");
  }

  @Test
  void a_missing_s3_model_fails_naming_the_object() throws IOException {
    s3.putObject(r -> r.bucket(BUCKET).key("in/one.json"), RequestBody.fromString("{\"userId\": \"user-001\"}\n", StandardCharsets.UTF_8));
    String missing = "s3://" + BUCKET + "/store/models/none.model";
    BatchJobDescription job = new BatchJobDescription(ARN, BatchJobDescription.Kind.INFERENCE, missing, 5, Optional.empty(),
        List.of(new BatchJobDescription.FileJob("s3://" + BUCKET + "/in/one.json", "s3://" + BUCKET + "/out-missing", "one.json.out")),
        new BatchJobDescription.S3(Optional.of(moto.endpoint().toString()), "us-east-1"), dir.resolve("failure.txt"));
    assertThatThrownBy(() -> new SparkBatchInference(spark).run(job)).hasMessageContaining("The model file " + missing + " does not exist");
    assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("out-missing")).contents()).isEmpty();
  }

  @Test
  void segment_lines_from_s3_equal_the_in_process_answers() throws IOException {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      input.add("{\"itemId\": \"item-" + (i % 40) + "\"}");
    }
    input.add(50, "{\"itemId\": \"no-such-item\"}");
    input.add(51, "{\"itemId\": \"item-1\", \"filterValues\": {\"AGE\": \"30\"}}");
    input.add(52, "{\"userId\": \"user-001\"}");
    input.add(53, "");
    s3.putObject(r -> r.bucket(BUCKET).key("segments/items.json"), RequestBody.fromString(String.join("\n", input) + "\n", StandardCharsets.UTF_8));
    s3.putObject(r -> r.bucket(BUCKET).key("store/models/affinity.model"), RequestBody.fromFile(dir.resolve("affinity.model")));
    BatchJobDescription job = new BatchJobDescription(ARN, BatchJobDescription.Kind.SEGMENT, "s3://" + BUCKET + "/store/models/affinity.model", 6, Optional.empty(),
        List.of(new BatchJobDescription.FileJob("s3://" + BUCKET + "/segments/items.json", "s3://" + BUCKET + "/segments-out", "items.json.out")),
        new BatchJobDescription.S3(Optional.of(moto.endpoint().toString()), "us-east-1"), dir.resolve("failure.txt"));

    new SparkBatchInference(spark).run(job);

    SegmentLineAnswers inProcess = new SegmentLineAnswers(affinity, 6, SegmentLineAnswers::everyone, query -> {
      throw new AssertionError("no attribute queries here");
    });
    List<String> expected = input.stream().filter(l -> !l.isBlank()).map(inProcess::answer).toList();
    assertThat(objectLines("segments-out/items.json.out")).containsExactlyElementsOf(expected);
    assertThat(expected.get(0)).contains("\"recommendedUsers\":[\"user-");
    assertThat(expected.get(50)).contains("has no interactions");
    assertThat(expected.get(51)).contains("filterValues are given, but the job has no filterArn.");
    assertThat(expected.get(52)).contains("itemId is required");
  }

  private static List<String> objectLines(String key) {
    String text = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String();
    assertThat(text).endsWith("\n");
    return List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
  }

  @Test
  void a_missing_model_fails_naming_the_file() throws IOException {
    Path in = Files.writeString(dir.resolve("one.json"), "{\"userId\": \"user-001\"}\n");
    Path missing = dir.resolve("no-such.model");
    assertThatThrownBy(() -> new SparkBatchInference(spark).run(job(missing, 5, Files.createDirectories(dir.resolve("out-missing")), in)))
        .hasMessageContaining("The model file " + missing + " does not exist");
  }

  @Test
  void a_damaged_model_fails_on_the_executors_naming_the_file() throws IOException {
    Path in = Files.writeString(dir.resolve("two.json"), "{\"userId\": \"user-001\"}\n");
    Path damaged = Files.write(dir.resolve("damaged.model"), new byte[] {1, 2, 3, 4});
    Path out = Files.createDirectories(dir.resolve("out-damaged"));
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> new SparkBatchInference(spark).run(job(damaged, 5, out, in)));
    assertThat(BatchInferenceApp.reason(BatchJobDescription.Kind.INFERENCE, failure)).startsWith("Batch inference on Spark failed: The model cannot be loaded: ").contains(damaged.toString());
    assertThat(out.resolve("two.json.out")).doesNotExist();
  }

  @Test
  void a_filtered_job_reads_its_snapshot_and_answers_as_core_does_with_it() throws IOException {
    // Items of even number are "even"; each user watched three items.
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(Map.of("ITEM_ID", "item-" + i, "PARITY", i % 2 == 0 ? "even" : "odd"));
    }
    Map<String, List<String>> watched = new java.util.HashMap<>();
    for (int u = 0; u < 120; u++) {
      watched.put(user(u), List.of("item-" + (u % 40), "item-" + ((u + 2) % 40), "item-" + ((u + 7) % 40)));
    }
    FilterRecords records = new FilterRecords() {
      private final AttributeTable table = AttributeTable.empty("ITEM_ID").withRecords(items);

      @Override
      public AttributeTable items() {
        return table;
      }

      @Override
      public Optional<AttributeRecord> user(String userId) {
        return Optional.empty();
      }

      @Override
      public void interactions(String userId, BiConsumer<String, String> interaction) {
        watched.getOrDefault(userId, List.of()).forEach(item -> interaction.accept("watch", item));
      }
    };
    FilterExpression filter = FilterExpression.parse("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\") | INCLUDE ItemID WHERE Items.PARITY IN ($PARITY)");
    Path snapshot = dir.resolve("filter.json.gz");
    try (OutputStream out = Files.newOutputStream(snapshot)) {
      FilterSnapshot.write(filter, records, AttributeTable.empty("USER_ID"), watched.keySet(), out);
    }
    List<String> input = new ArrayList<>();
    for (int u = 0; u < 300; u++) {
      input.add("{\"userId\": \"" + user(u % 120) + "\", \"filterValues\": {\"PARITY\": \"\\\"" + (u % 3 == 0 ? "odd" : "even") + "\\\"\"}}");
    }
    input.add(7, "{\"userId\": \"user-001\"}");
    Path in = Files.write(Files.createDirectories(dir.resolve("filtered-in")).resolve("filtered.json"), input);
    Path out = Files.createDirectories(dir.resolve("filtered-out"));
    BatchJobDescription plain = job(modelFile, 6, out, in);
    BatchJobDescription job = new BatchJobDescription(plain.jobArn(), plain.kind(), plain.model(), 6, Optional.empty(), Optional.of(snapshot.toString()),
        Optional.empty(), Optional.empty(), Optional.empty(), plain.files(), plain.s3(), plain.failureFile());

    new SparkBatchInference(spark).run(job);

    BatchFilter expectedFilter;
    try (var read = Files.newInputStream(snapshot)) {
      expectedFilter = new BatchFilter(FilterSnapshot.read(read, snapshot.toString()), model.items());
    }
    BatchLines lines = new BatchLines(new ModelAnswerer(model, Optional.empty(), Optional.of(expectedFilter), Optional.empty()), model.type(), model.recipe(),
        model.scores(), 6, true);
    List<String> expected = new ArrayList<>();
    for (int from = 0; from < input.size(); from += 256) {
      expected.addAll(lines.answerAll(input.subList(from, Math.min(input.size(), from + 256))));
    }
    List<String> written = Files.readAllLines(out.resolve("filtered.json.out"));
    assertThat(written).containsExactlyElementsOf(expected);
    // The filter did its work: each answer holds only the asked parity and nothing the user watched.
    assertThat(written.get(7)).contains("\"output\":null").contains("PARITY");
    for (int k = 0; k < 300; k++) {
      com.fasterxml.jackson.databind.JsonNode line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(written.get(k < 7 ? k : k + 1));
      String parity = k % 3 == 0 ? "odd" : "even";
      String userId = line.get("input").get("userId").asText();
      assertThat(line.get("output").get("recommendedItems")).hasSize(6).allSatisfy(id -> {
        int item = Integer.parseInt(id.asText().substring("item-".length()));
        assertThat(item % 2 == 0 ? "even" : "odd").isEqualTo(parity);
        assertThat(watched.get(userId)).doesNotContain(id.asText());
      });
    }

    // The same job with ranking influence reads the items' signals from their own file.
    Path signals = dir.resolve("signals.json.gz");
    try (OutputStream signalsOut = Files.newOutputStream(signals)) {
      ItemSignalSnapshot.of(interactions, records.items()).write(signalsOut);
    }
    Path influencedOut = Files.createDirectories(dir.resolve("influenced-out"));
    BatchJobDescription influencedJob = new BatchJobDescription(plain.jobArn(), plain.kind(), plain.model(), 6, Optional.empty(), Optional.of(snapshot.toString()),
        Optional.of(new BatchJobDescription.Influence(0.8, 0, signals.toString())), Optional.empty(), Optional.empty(), List.of(new BatchJobDescription.FileJob(in.toString(), influencedOut.toString(),
            "filtered.json.out")), plain.s3(), plain.failureFile());
    new SparkBatchInference(spark).run(influencedJob);
    BatchInfluence influence;
    try (var read = Files.newInputStream(signals)) {
      influence = new BatchInfluence(new RankingWeights(0.8, 0), ItemSignalSnapshot.read(read, signals.toString()).signals(model.items()));
    }
    BatchLines influencedLines = new BatchLines(new ModelAnswerer(model, Optional.empty(), Optional.of(expectedFilter), Optional.of(influence)), model.type(),
        model.recipe(), model.scores(), 6, true);
    List<String> influenced = Files.readAllLines(influencedOut.resolve("filtered.json.out"));
    // Blocks of 256 lines, as the application hands them out (this input has no blank lines).
    assertThat(influenced).containsExactlyElementsOf(concat(influencedLines.answerAll(input.subList(0, 256)), influencedLines.answerAll(input.subList(256, input.size()))));
    assertThat(influenced).isNotEqualTo(written);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
