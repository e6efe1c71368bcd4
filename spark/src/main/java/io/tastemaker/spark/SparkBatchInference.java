package io.tastemaker.spark;

import io.tastemaker.core.batch.BatchJobDescription;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a batch inference job on a Spark context: each input file is read as text lines, its
 * partitions are answered on the executors ({@link ExecutorModels}, {@link AnsweredBlocks}) and
 * saved as part files in input order, and the driver joins the parts into {@code <name>.out},
 * written under the same temporary name as the server's job and moved into place when complete.
 */
public final class SparkBatchInference {
  private final JavaSparkContext spark;

  public SparkBatchInference(JavaSparkContext spark) {
    this.spark = spark;
  }

  /** Answers every file of the job; returns the number of lines written. */
  public long run(BatchJobDescription job) throws IOException {
    if (!Files.isRegularFile(job.model()) || !Files.isReadable(job.model())) {
      throw new IOException("The model file " + job.model() + " does not exist or cannot be read.");
    }
    String model = job.model().toString();
    int numResults = job.numResults();
    long total = 0;
    for (BatchJobDescription.FileJob file : job.files()) {
      if (!Files.isRegularFile(file.input())) {
        throw new IOException("The input file " + file.input() + " does not exist.");
      }
      Path parts = file.outputFolder().resolve("." + file.outputName() + ".spark");
      deleteAll(parts);
      try {
        JavaRDD<String> answered = spark.textFile(file.input().toUri().toString(), spark.defaultParallelism())
            .mapPartitions(lines -> new AnsweredBlocks(lines, ExecutorModels.lines(model, numResults)));
        answered.saveAsTextFile(parts.toUri().toString());
        total += join(parts, file);
      } finally {
        deleteAll(parts);
      }
    }
    return total;
  }

  /** Joins the part files in order into the unfinished file, forces it to disk and moves it into place. */
  private static long join(Path parts, BatchJobDescription.FileJob file) throws IOException {
    List<Path> ordered = new ArrayList<>();
    try (DirectoryStream<Path> listed = Files.newDirectoryStream(parts, "part-*")) {
      listed.forEach(ordered::add);
    }
    ordered.sort(Comparator.comparing(p -> p.getFileName().toString()));
    long lines = 0;
    Path unfinished = file.unfinished();
    Files.deleteIfExists(unfinished);
    try (FileChannel channel = FileChannel.open(unfinished, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
      for (Path part : ordered) {
        byte[] bytes = Files.readAllBytes(part);
        out.write(bytes);
        for (byte b : bytes) {
          if (b == '\n') {
            lines++;
          }
        }
      }
      out.flush();
      channel.force(true);
    }
    Files.move(unfinished, file.output(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return lines;
  }

  private static void deleteAll(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
