package io.tastemaker.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch inference or segment job as the server hands it to another process (the Spark application), in a
 * small JSON file: the job, its model (a local file or an {@code s3://} object), {@code
 * numResults}, the job's {@code itemExplorationConfig} if it has one, its filter's snapshot
 * ({@link io.tastemaker.core.filter.FilterSnapshot}, a local file or an {@code s3://} object) if it has a filter (an
 * ItemID filter for inference, a UserID filter for segments), what aws-next-best-action lines read
 * ({@link io.tastemaker.core.nextbestaction.ActionSnapshot}) for an action job, its
 * {@code rankingInfluence} with the items' signals if it has one, the Items records an
 * aws-item-attribute-affinity segment job's queries read ({@link io.tastemaker.core.filter.ItemRecordsSnapshot}), each input file (local or {@code s3://}) with the folder and name of its {@code
 * .out} file, how to reach S3 (endpoint and region; credentials come from the environment), and
 * where to write the reason of a failure.
 */
public record BatchJobDescription(
    String jobArn, Kind kind, String model, int numResults, Optional<ExplorationSettings> exploration, Optional<String> filter, Optional<Influence> influence,
    Optional<String> itemRecords, Optional<String> actions, List<FileJob> files, S3 s3, Path failureFile) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A job without a filter and without ranking influence. */
  public BatchJobDescription(
      String jobArn, Kind kind, String model, int numResults, Optional<ExplorationSettings> exploration, List<FileJob> files, S3 s3, Path failureFile) {
    this(jobArn, kind, model, numResults, exploration, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), files, s3, failureFile);
  }

  public BatchJobDescription {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(influence, "influence");
    Objects.requireNonNull(itemRecords, "itemRecords");
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(jobArn, "jobArn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(exploration, "exploration");
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(failureFile, "failureFile");
    if (numResults < 1) {
      throw new IllegalArgumentException("numResults must be at least 1, got " + numResults);
    }
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a batch job needs at least one input file");
    }
  }

  /** What the lines are: users or items for a batch inference job, items for a batch segment job. */
  public enum Kind {
    INFERENCE,
    SEGMENT
  }

  /**
   * A job's {@code rankingInfluence}: the weights of POPULARITY and FRESHNESS, and where the items'
   * signals are ({@link io.tastemaker.core.rules.ItemSignalSnapshot}, a local file or an {@code s3://} object).
   */
  public record Influence(double popularity, double freshness, String signals) implements Serializable {
    public Influence {
      Objects.requireNonNull(signals, "signals");
    }
  }

  /** How the application reaches S3: an S3-compatible endpoint (empty for AWS S3) and the region. */
  public record S3(Optional<String> endpoint, String region) {
    public static final S3 AWS_DEFAULT = new S3(Optional.empty(), "us-east-1");

    public S3 {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(region, "region");
    }
  }

  /** One input file (a path or {@code s3://bucket/key}) and where its answers go: {@code outputFolder/outputName}. */
  public record FileJob(String input, String outputFolder, String outputName) {
    public FileJob {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(outputFolder, "outputFolder");
      if (outputName.isEmpty() || outputName.contains("/")) {
        throw new IllegalArgumentException("outputName must be a file name, got " + outputName);
      }
    }

    /** Where the output of a local folder is written until it is complete; the server's in-process job uses the same name. */
    public static String unfinishedName(String outputName) {
      return "." + outputName + ".writing";
    }

    /** The hidden folder next to the output where the Spark application keeps its parts until it joins them. */
    public static String partFolderName(String outputName) {
      return "." + outputName + ".spark";
    }
  }

  public void write(Path file) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("jobArn", jobArn);
    root.put("kind", kind.name());
    root.put("model", model);
    root.put("numResults", numResults);
    exploration.ifPresent(e -> root.putObject("exploration").put("weight", e.weight()).put("itemAgeCutOffDays", e.itemAgeCutOffDays()));
    filter.ifPresent(f -> root.put("filter", f));
    itemRecords.ifPresent(i -> root.put("itemRecords", i));
    actions.ifPresent(a -> root.put("actions", a));
    influence.ifPresent(i -> root.putObject("influence").put("popularity", i.popularity()).put("freshness", i.freshness()).put("signals", i.signals()));
    root.put("failureFile", failureFile.toString());
    ObjectNode s3Node = root.putObject("s3").put("region", s3.region());
    s3.endpoint().ifPresent(e -> s3Node.put("endpoint", e));
    ArrayNode list = root.putArray("files");
    for (FileJob f : files) {
      list.addObject().put("input", f.input()).put("outputFolder", f.outputFolder()).put("outputName", f.outputName());
    }
    Files.write(file, MAPPER.writeValueAsBytes(root));
  }

  /** Reads a description the server wrote; a missing member is an {@link IllegalArgumentException} naming it. */
  public static BatchJobDescription read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    List<FileJob> files = new ArrayList<>();
    for (JsonNode f : required(root, "files")) {
      files.add(new FileJob(required(f, "input").asText(), required(f, "outputFolder").asText(), required(f, "outputName").asText()));
    }
    JsonNode s3 = required(root, "s3");
    Optional<ExplorationSettings> exploration = Optional.ofNullable(root.get("exploration")).filter(e -> !e.isNull())
        .map(e -> new ExplorationSettings(required(e, "weight").asDouble(), required(e, "itemAgeCutOffDays").asDouble()));
    Optional<String> endpoint = Optional.ofNullable(s3.get("endpoint")).filter(e -> !e.isNull()).map(JsonNode::asText);
    Optional<String> filter = Optional.ofNullable(root.get("filter")).filter(f -> !f.isNull()).map(JsonNode::asText);
    Optional<String> itemRecords = Optional.ofNullable(root.get("itemRecords")).filter(f -> !f.isNull()).map(JsonNode::asText);
    Optional<String> actions = Optional.ofNullable(root.get("actions")).filter(f -> !f.isNull()).map(JsonNode::asText);
    Optional<Influence> influence = Optional.ofNullable(root.get("influence")).filter(i -> !i.isNull())
        .map(i -> new Influence(required(i, "popularity").asDouble(), required(i, "freshness").asDouble(), required(i, "signals").asText()));
    return new BatchJobDescription(
        required(root, "jobArn").asText(), Kind.valueOf(required(root, "kind").asText()), required(root, "model").asText(), required(root, "numResults").asInt(), exploration,
        filter, influence, itemRecords, actions, files,
        new S3(endpoint, required(s3, "region").asText()), Path.of(required(root, "failureFile").asText()));
  }

  private static JsonNode required(JsonNode node, String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the batch job description has no " + member);
    }
    return value;
  }
}
