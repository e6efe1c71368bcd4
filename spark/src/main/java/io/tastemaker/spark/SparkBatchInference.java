package io.tastemaker.spark;

import io.tastemaker.core.batch.BatchJobDescription;
import io.tastemaker.s3.S3Settings;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a batch inference or segment job on a Spark context. Each input file (a local path or an {@code s3://}
 * object, read with the AWS SDK, not Hadoop) is cut into byte ranges on line boundaries ({@link
 * LineRange}); each range is read and answered on an executor ({@link ExecutorModels} loads the
 * model once per executor, from a local file or the S3 object store; {@link AnsweredBlocks}) into
 * a part ({@link PartFolder}), and the driver joins the parts in order into {@code <name>.out},
 * published whole as the server's job publishes it ({@link OutputFile}).
 */
public final class SparkBatchInference {
  /** Ranges of at most 64 MiB, as Hadoop's blocks, so that a large file spreads over the executors. */
  static final long RANGE_BYTES = 64L << 20;

  private final JavaSparkContext spark;

  public SparkBatchInference(JavaSparkContext spark) {
    this.spark = spark;
  }

  /** Answers every file of the job; returns the number of lines written. */
  public long run(BatchJobDescription job) throws IOException {
    S3Settings s3 = new S3Settings(job.s3().endpoint().orElse(null), job.s3().region());
    try {
      Locations.size(job.model(), s3);
    } catch (NoSuchFileException e) {
      throw new IOException("The model file " + job.model() + " does not exist or cannot be read.", e);
    }
    for (String snapshot : job.filter().map(List::of).orElse(List.of())) {
      requireExists(snapshot, "filter snapshot", s3);
    }
    for (String items : job.itemRecords().map(List::of).orElse(List.of())) {
      requireExists(items, "items' records", s3);
    }
    for (String actions : job.actions().map(List::of).orElse(List.of())) {
      requireExists(actions, "action snapshot", s3);
    }
    for (BatchJobDescription.Influence influence : job.influence().map(List::of).orElse(List.of())) {
      requireExists(influence.signals(), "item signals", s3);
    }
    LineAnswering answering = LineAnswering.of(job);
    long total = 0;
    for (BatchJobDescription.FileJob file : job.files()) {
      long size;
      try {
        size = Locations.size(file.input(), s3);
      } catch (NoSuchFileException e) {
        throw new IOException("The input file " + file.input() + " does not exist.", e);
      }
      int count = (int) Math.max(spark.defaultParallelism(), (size + RANGE_BYTES - 1) / RANGE_BYTES);
      List<LineRange> ranges = LineRange.split(file.input(), size, count);
      PartFolder parts = new PartFolder(file.outputFolder(), file.outputName(), s3);
      parts.deleteAll();
      try {
        spark.parallelize(ranges, ranges.size())
            .mapPartitionsWithIndex((index, range) -> {
              BatchLinesReader reader = new BatchLinesReader(range.next(), s3);
              try (reader) {
                return List.of(parts.write(index, new AnsweredBlocks(reader.lines(), ExecutorModels.answerer(answering, s3)))).iterator();
              }
            }, false)
            .collect();
        total += OutputFile.join(parts, ranges.size(), file.outputFolder(), file.outputName(), s3);
      } finally {
        parts.deleteAll();
      }
    }
    return total;
  }

  private static void requireExists(String location, String what, S3Settings s3) throws IOException {
    try {
      Locations.size(location, s3);
    } catch (NoSuchFileException e) {
      throw new IOException("The " + what + " " + location + " does not exist.", e);
    }
  }

  /** The text lines of a range, decoded as the server's job decodes them (UTF-8, any line break). */
  private static final class BatchLinesReader implements AutoCloseable {
    private final BufferedReader reader;

    BatchLinesReader(LineRange range, S3Settings s3) throws IOException {
      long from = Math.max(0, range.start() - 1);
      this.reader = new BufferedReader(new InputStreamReader(
          new RangeBytes(new BufferedInputStream(Locations.openFrom(range.location(), from, s3), 1 << 16), range.start(), range.end()), StandardCharsets.UTF_8), 1 << 16);
    }

    Iterator<String> lines() {
      return new Iterator<>() {
        private String next = read();

        private String read() {
          try {
            return reader.readLine();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public String next() {
          if (next == null) {
            throw new java.util.NoSuchElementException();
          }
          String line = next;
          next = read();
          return line;
        }
      };
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
