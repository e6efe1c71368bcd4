package io.tastemaker.server.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.s3.S3Settings;
import io.tastemaker.server.SparkSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The child JVM the server starts for a Spark job: its heap as configured, then SparkSubmit with the application. */
class SparkSubmissionTest {
  @Test
  void the_child_jvm_gets_the_configured_heap_and_runs_spark_submit_on_the_classpath() {
    SparkSubmission submission = new SparkSubmission(new SparkSettings("local[2]", "a.jar:b.jar", "3g"), new S3Settings(null, "us-east-1"));
    List<String> command = submission.command(Path.of("/tmp/job.json"));
    assertThat(command.get(1)).isEqualTo("-Xmx3g");
    assertThat(command).containsSubsequence("-cp", "a.jar:b.jar", "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--class", SparkSubmission.APPLICATION)
        .endsWith("spark-internal", "/tmp/job.json");
    assertThat(command.stream().filter(a -> a.startsWith("-Xmx"))).hasSize(1);
    assertThat(new SparkSubmission(new SparkSettings("local[2]", "a.jar"), new S3Settings(null, "us-east-1")).command(Path.of("j.json")))
        .contains("-Xmx" + SparkSettings.DEFAULT_DRIVER_MEMORY);
  }

  @Test
  void the_child_jvm_has_the_vector_module_when_this_one_has_it_so_both_score_alike() {
    List<String> command = new SparkSubmission(new SparkSettings("local[2]", "a.jar"), new S3Settings(null, "us-east-1")).command(Path.of("j.json"));
    boolean here = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    // The tests run with the module (the surefire argLine), as the launcher runs the server.
    assertThat(here).isTrue();
    assertThat(command.indexOf("--add-modules=jdk.incubator.vector")).isPositive().isLessThan(command.indexOf("org.apache.spark.deploy.SparkSubmit"));
  }
}
