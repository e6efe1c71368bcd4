package io.tastemaker.spark;

import io.tastemaker.core.batch.BatchJobDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark application the server submits for a batch inference or segment job: {@code BatchInferenceApp
 * <job description file>} ({@link BatchJobDescription}). It exits 0 when every {@code .out} file is
 * in place; otherwise it writes the reason to the description's failure file and exits 1, and the
 * server shows that reason in the job's {@code failureReason}.
 */
public final class BatchInferenceApp {
  private BatchInferenceApp() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: BatchInferenceApp <job description file>");
      System.exit(2);
    }
    BatchJobDescription job = BatchJobDescription.read(Path.of(args[0]));
    SparkConf conf = new SparkConf().setAppName("tastemaker batch inference " + job.jobArn());
    // Executors on other machines read S3 with the credentials the server gave this driver.
    for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION")) {
      Optional.ofNullable(System.getenv(name)).ifPresent(value -> conf.setExecutorEnv(name, value));
    }
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      long lines = new SparkBatchInference(spark).run(job);
      System.err.println("tastemaker: " + lines + " lines answered for " + job.jobArn());
    } catch (Exception e) {
      Files.writeString(job.failureFile(), reason(job.kind(), e), StandardCharsets.UTF_8);
      System.exit(1);
    }
  }

  /** The innermost cause's message: Spark wraps a task's failure in stage and job messages. */
  static String reason(BatchJobDescription.Kind kind, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return (kind == BatchJobDescription.Kind.SEGMENT ? "Batch segment job" : "Batch inference") + " on Spark failed: " + message;
  }
}
