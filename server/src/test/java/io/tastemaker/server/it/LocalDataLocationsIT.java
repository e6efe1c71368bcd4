package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;

/**
 * A key holder cannot read or write the server's files through data locations: imports and batch
 * jobs that name the process environment, system files, {@code ..} escapes (plain and
 * percent-encoded), symlinks out of the allowed folder, FIFOs or the data directory are refused with
 * the member named, nothing read and nothing written; the allowed folder still works. Through the
 * AWS SDK for Java v2, boto3 and the Debian AWS CLI v2, against a server with access keys and one
 * {@code --local-data} folder that also holds its data directory.
 */
class LocalDataLocationsIT {
  private static final String ROLE = "arn:aws:iam::000000000000:role/local-data";
  /** An item id only the file outside the allowed folder holds. */
  private static final String SECRET_ITEM = "secret-item";

  @TempDir static Path allowed;
  @TempDir static Path outside;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static String dataset;
  private static String version;

  @BeforeAll
  static void start() throws Exception {
    allowed = allowed.toRealPath();
    outside = outside.toRealPath();
    server = RunningServer.start(RunningServer.withCredentials(RunningServer.config(allowed.resolve("data"))));
    personalize = server.personalize();
    // A perfectly good interactions CSV, so that only the folder rule keeps it out.
    Files.writeString(outside.resolve("secret.csv"), GenreShop.INTERACTIONS_HEADER + "\nu1," + SECRET_ITEM + ",watch,1,1700000000\n");
    Files.createDirectories(outside.resolve("folder"));
    String group = Workflow.activeGroup(personalize, "local-data");
    dataset = Workflow.importInto(personalize, group, "Interactions", Schemas.INTERACTIONS, GenreShop.generate().writeInteractions(allowed.resolve("interactions.csv")));
    version = Workflow.trainedVersion(personalize, group, "aws-popularity-count", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    personalize.close();
    server.close();
  }

  private static String importFrom(String location) {
    return personalize.createDatasetImportJob(r -> r.jobName(Workflow.unique("import")).datasetArn(dataset).roleArn(ROLE).dataSource(s -> s.dataLocation(location)))
        .datasetImportJobArn();
  }

  private static void importRefused(String location, String why) {
    long before = personalize.listDatasetImportJobs(r -> r.datasetArn(dataset)).datasetImportJobs().size();
    assertThatThrownBy(() -> importFrom(location))
        .as(location)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
        .hasMessageStartingWith("dataSource.dataLocation " + location + " " + why)
        .message().doesNotContain("PATH=").doesNotContain("root:").doesNotContain(SECRET_ITEM);
    assertThat(personalize.listDatasetImportJobs(r -> r.datasetArn(dataset)).datasetImportJobs()).as("no job for " + location).hasSize((int) before);
  }

  private static String batch(String input, String output) {
    return personalize.createBatchInferenceJob(r -> r.jobName(Workflow.unique("batch")).solutionVersionArn(version).roleArn(ROLE)
            .jobInput(i -> i.s3DataSource(s -> s.path(input))).jobOutput(o -> o.s3DataDestination(s -> s.path(output))))
        .batchInferenceJobArn();
  }

  private static void batchRefused(String input, String output, String member, String why) {
    String location = member.startsWith("jobInput") ? input : output;
    assertThatThrownBy(() -> batch(input, output))
        .as(location)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(member + " " + location + " " + why)
        .message().doesNotContain("root:").doesNotContain("PATH=");
  }

  private static DatasetImportJob finishedImport(String arn) {
    Await.finalStatus(() -> personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(arn)).datasetImportJob().status(), Workflow.WAIT);
    return personalize.describeDatasetImportJob(r -> r.datasetImportJobArn(arn)).datasetImportJob();
  }

  private static BatchInferenceJob finishedBatch(String arn) {
    Await.finalStatus(() -> personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob().status(), Workflow.WAIT);
    return personalize.describeBatchInferenceJob(r -> r.batchInferenceJobArn(arn)).batchInferenceJob();
  }

  private static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void imports_of_system_files_are_refused_naming_the_member_and_quoting_nothing() {
    importRefused("file:///proc/self/environ", "is outside the folders this server allows with --local-data (" + allowed + ")");
    importRefused("/proc/self/environ", "is outside the folders");
    importRefused("/etc/passwd", "is outside the folders");
    importRefused("file:///etc/shadow", "is outside the folders");
    importRefused("file:///dev/zero", "is outside the folders");
  }

  @Test
  void dot_dot_escapes_are_refused_however_they_are_spelled() {
    String sibling = outside.getFileName().toString();
    importRefused(allowed + "/../" + sibling + "/secret.csv", "contains '..'");
    importRefused(allowed.toUri() + "../" + sibling + "/secret.csv", "contains '..'");
    importRefused(allowed.toUri() + "%2e%2e/" + sibling + "/secret.csv", "contains '..'");
    importRefused(allowed.toUri() + "%2E%2E%2F" + sibling + "%2Fsecret.csv", "contains '..'");
    importRefused(outside.resolve("secret.csv").toUri().toString(), "is outside the folders");
  }

  @Test
  void a_symlink_out_of_the_allowed_folder_is_refused_when_named_and_when_found_in_a_folder() throws Exception {
    Path link = Files.createSymbolicLink(allowed.resolve("secret-link.csv"), outside.resolve("secret.csv"));
    importRefused(link.toString(), "is outside the folders");
    Path folder = Files.createDirectories(allowed.resolve("parts-with-link"));
    GenreShop.generate().writeInteractions(folder.resolve("a.csv"));
    Files.createSymbolicLink(folder.resolve("b.csv"), outside.resolve("secret.csv"));
    DatasetImportJob job = finishedImport(importFrom(folder.toUri().toString()));
    assertThat(job.status()).isEqualTo("CREATE FAILED");
    assertThat(job.failureReason()).startsWith(folder.resolve("b.csv") + " is outside the folders").doesNotContain(SECRET_ITEM);
  }

  @Test
  void the_data_directory_is_out_of_reach_though_it_lies_in_the_allowed_folder() {
    importRefused(server.dataDir().resolve("tastemaker.db").toUri().toString(), "is inside the server's data directory");
    importRefused(server.dataDir().toString(), "is inside the server's data directory");
    importRefused(server.dataDir().resolve("objects").toString(), "is inside the server's data directory");
  }

  @Test
  void a_fifo_is_refused_rather_than_blocking_a_job_forever() throws Exception {
    Path fifo = allowed.resolve("pipe.csv");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    importRefused(fifo.toString(), "is not a regular file or folder");
  }

  @Test
  void an_allowed_file_still_imports() throws Exception {
    Path csv = GenreShop.generate().writeInteractions(Files.createDirectories(allowed.resolve("ok")).resolve("interactions.csv"));
    DatasetImportJob job = finishedImport(importFrom(csv.toUri().toString()));
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
  }

  @Test
  void batch_jobs_cannot_read_system_files_nor_write_outside_the_allowed_folder() throws Exception {
    Path users = Files.writeString(allowed.resolve("users.json"), "{\"userId\": \"user-001\"}\n");
    String inside = allowed.resolve("never-made").toString();
    batchRefused("file:///etc/passwd", inside, "jobInput.s3DataSource.path", "is outside the folders");
    batchRefused("/etc/shadow", inside, "jobInput.s3DataSource.path", "is outside the folders");
    batchRefused("file:///proc/self/environ", inside, "jobInput.s3DataSource.path", "is outside the folders");
    assertThat(allowed.resolve("never-made")).doesNotExist();

    batchRefused(users.toString(), outside.resolve("out").toString(), "jobOutput.s3DataDestination.path", "is outside the folders");
    batchRefused(users.toString(), "/etc/tastemaker-out", "jobOutput.s3DataDestination.path", "is outside the folders");
    batchRefused(users.toString(), server.dataDir().resolve("out").toString(), "jobOutput.s3DataDestination.path", "is inside the server's data directory");
    batchRefused(users.toString(), allowed + "/../" + outside.getFileName() + "/out", "jobOutput.s3DataDestination.path", "contains '..'");
    batchRefused(users.toString(), allowed.toUri() + "%2e%2e/" + outside.getFileName() + "/out", "jobOutput.s3DataDestination.path", "contains '..'");
    Path link = Files.createSymbolicLink(allowed.resolve("out-link"), outside.resolve("folder"));
    batchRefused(users.toString(), link.resolve("out").toString(), "jobOutput.s3DataDestination.path", "is outside the folders");
    assertThat(outside.resolve("out")).doesNotExist();
    assertThat(Path.of("/etc/tastemaker-out")).doesNotExist();
    assertThat(server.dataDir().resolve("out")).doesNotExist();
    assertThat(outside.resolve("folder")).isEmptyDirectory();
  }

  @Test
  void a_batch_folder_with_a_symlink_to_a_system_file_fails_before_writing_anything() throws Exception {
    Path in = Files.createDirectories(allowed.resolve("batch-in"));
    Files.writeString(in.resolve("a.json"), "{\"userId\": \"user-001\"}\n");
    Files.createSymbolicLink(in.resolve("b.json"), Path.of("/etc/passwd"));
    Path out = allowed.resolve("batch-out-refused");
    BatchInferenceJob job = finishedBatch(batch(in.toString(), out.toString()));
    assertThat(job.status()).isEqualTo("CREATE FAILED");
    assertThat(job.failureReason()).startsWith(in.resolve("b.json") + " is outside the folders").doesNotContain("root:");
    assertThat(Files.exists(out) ? filesUnder(out) : List.of()).isEmpty();
  }

  @Test
  void an_allowed_batch_job_still_reads_and_writes() throws Exception {
    Path users = Files.writeString(allowed.resolve("allowed-users.json"), "{\"userId\": \"user-001\"}\n{\"userId\": \"user-002\"}\n");
    Path out = allowed.resolve("batch-out");
    BatchInferenceJob job = finishedBatch(batch(users.toUri().toString(), out.toUri().toString()));
    assertThat(job.status()).as(job.failureReason()).isEqualTo("ACTIVE");
    assertThat(Files.readAllLines(out.resolve("allowed-users.json.out"), StandardCharsets.UTF_8)).hasSize(2);
  }

  @Test
  void boto3_meets_the_same_refusals() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of("python3", Path.of("src/test/python/boto3_local_data.py").toString(), server.endpoint().toString(), dataset, version, allowed.toString(),
                    outside.toString(), server.dataDir().toString()))
            .redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", RunningServer.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", RunningServer.SECRET_KEY);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.equals("boto3 local data: all passed"));
  }

  @Test
  void the_aws_cli_meets_the_same_refusal() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of("/usr/bin/aws", "personalize", "create-dataset-import-job", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "--job-name", Workflow.unique("cli"), "--dataset-arn", dataset, "--role-arn", ROLE, "--data-source",
                    "{\"dataLocation\": \"file:///proc/self/environ\"}"))
            .redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", RunningServer.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", RunningServer.SECRET_KEY);
    builder.environment().put("AWS_MAX_ATTEMPTS", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isNotZero();
    assertThat(output).contains("InvalidInputException").contains("dataSource.dataLocation file:///proc/self/environ is outside the folders")
        .doesNotContain("PATH=");
  }
}
