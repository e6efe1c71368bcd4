package io.tastemaker.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast part of {@code bench reliability} against the packaged server jar in its own JVM with
 * access keys: a short fuzz run over all three APIs and the creation races, through the SDK and
 * SigV4-signed raw HTTP. The kill and soak runs take minutes and are run by hand.
 */
class ReliabilitySmokeIT {
  private static final Path SERVER_JAR = Path.of("..", "server", "target", "tastemaker.jar");

  private static String run(String... args) throws Exception {
    assertThat(SERVER_JAR).as("the server module packages its jar before this test runs").exists();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server-jar", SERVER_JAR.toString()));
    int status;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      status = ReliabilityBench.run(all, out);
    }
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(report).isZero();
    return report;
  }

  @Test
  void a_short_fuzz_run_over_all_three_apis_gets_no_5xx_and_every_request_an_answer() throws Exception {
    String report = run("fuzz", "--requests", "500", "--seed", "7");
    assertThat(report).contains("500 requests").contains("5xx answers: none").contains("Requests without an answer: none").contains("Server deaths: none")
        .containsPattern("\\| control \\| [1-9][\\d,]* \\|").containsPattern("\\| runtime \\| [1-9][\\d,]* \\|").containsPattern("\\| events \\| [1-9][\\d,]* \\|")
        .contains("still answers GetRecommendations");
  }

  @Test
  void fifty_parallel_creates_of_one_name_let_exactly_one_win_for_every_kind() throws Exception {
    String report = run("races");
    assertThat(report.lines().filter(l -> l.endsWith("| one winner |"))).hasSize(9);
    assertThat(report).doesNotContain("FAULT");
  }
}
