package io.tastemaker.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch inference job as the server hands it to another process (the Spark application), in a
 * small JSON file: the job, its model file, {@code numResults}, each input file with the folder
 * and name of its {@code .out} file, and where to write the reason of a failure.
 */
public record BatchJobDescription(String jobArn, Path model, int numResults, List<FileJob> files, Path failureFile) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public BatchJobDescription {
    Objects.requireNonNull(jobArn, "jobArn");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(failureFile, "failureFile");
    if (numResults < 1) {
      throw new IllegalArgumentException("numResults must be at least 1, got " + numResults);
    }
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a batch job needs at least one input file");
    }
  }

  /** One input file and where its answers go: {@code outputFolder/outputName}. */
  public record FileJob(Path input, Path outputFolder, String outputName) {
    public FileJob {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(outputFolder, "outputFolder");
      if (outputName.isEmpty() || outputName.contains("/")) {
        throw new IllegalArgumentException("outputName must be a file name, got " + outputName);
      }
    }

    /** The finished output file. */
    public Path output() {
      return outputFolder.resolve(outputName);
    }

    /** Where the output is written until it is complete; the server's in-process job uses the same name. */
    public Path unfinished() {
      return outputFolder.resolve("." + outputName + ".writing");
    }
  }

  public void write(Path file) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("jobArn", jobArn);
    root.put("model", model.toString());
    root.put("numResults", numResults);
    root.put("failureFile", failureFile.toString());
    ArrayNode list = root.putArray("files");
    for (FileJob f : files) {
      list.addObject().put("input", f.input().toString()).put("outputFolder", f.outputFolder().toString()).put("outputName", f.outputName());
    }
    Files.write(file, MAPPER.writeValueAsBytes(root));
  }

  /** Reads a description the server wrote; a missing member is an {@link IllegalArgumentException} naming it. */
  public static BatchJobDescription read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    List<FileJob> files = new ArrayList<>();
    for (JsonNode f : required(root, "files")) {
      files.add(new FileJob(Path.of(required(f, "input").asText()), Path.of(required(f, "outputFolder").asText()), required(f, "outputName").asText()));
    }
    return new BatchJobDescription(
        required(root, "jobArn").asText(), Path.of(required(root, "model").asText()), required(root, "numResults").asInt(), files,
        Path.of(required(root, "failureFile").asText()));
  }

  private static JsonNode required(JsonNode node, String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the batch job description has no " + member);
    }
    return value;
  }
}
