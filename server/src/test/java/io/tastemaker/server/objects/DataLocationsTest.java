package io.tastemaker.server.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocationsTest {
  private static final String SECRET = "AWS_SECRET_ACCESS_KEY=do-not-show";

  @TempDir Path temp;
  private Path allowed;
  private Path outside;
  private Path dataDir;
  private DataLocations locations;

  @BeforeEach
  void folders() throws IOException {
    allowed = Files.createDirectories(temp.resolve("allowed")).toRealPath();
    outside = Files.createDirectories(temp.resolve("outside")).toRealPath();
    dataDir = Files.createDirectories(allowed.resolve("data"));
    Files.createDirectories(dataDir.resolve("objects"));
    Files.writeString(dataDir.resolve("tastemaker.db"), SECRET);
    Files.writeString(outside.resolve("secret.csv"), SECRET);
    Files.writeString(allowed.resolve("good.csv"), "USER_ID\nu1\n");
    locations = locations(List.of(allowed));
  }

  private DataLocations locations(List<Path> roots) {
    return new DataLocations(new S3Access(Optional.empty()), new LocalDataRoots(roots, dataDir));
  }

  private static String read(SourceFile file) throws IOException {
    try (InputStream in = file.open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String refusal(ThrowingCall call) {
    try {
      call.run();
    } catch (LocationException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected the location to be refused");
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws LocationException;
  }

  @Test
  void files_in_an_allowed_folder_are_read_by_path_and_by_uri() throws Exception {
    for (String location : List.of(allowed.resolve("good.csv").toString(), allowed.resolve("good.csv").toUri().toString())) {
      locations.checkInput(location);
      List<SourceFile> files = locations.list(location);
      assertThat(files).hasSize(1);
      assertThat(read(files.get(0))).isEqualTo("USER_ID\nu1\n");
    }
  }

  @Test
  void a_path_outside_the_folders_is_refused_the_same_whether_it_exists_or_not() {
    String existing = refusal(() -> locations.checkInput(outside.resolve("secret.csv").toString()));
    String missing = refusal(() -> locations.checkInput(outside.resolve("nothing.csv").toString()));
    assertThat(existing).isEqualTo(outside.resolve("secret.csv") + " is outside the folders this server allows with --local-data (" + allowed
        + "); use s3:// or a path in an allowed folder.");
    assertThat(missing.replace("nothing.csv", "secret.csv")).isEqualTo(existing);
    assertThat(refusal(() -> locations.list(outside.resolve("secret.csv").toString()))).isEqualTo(existing);
  }

  @Test
  void system_files_are_refused_even_when_the_root_is_the_whole_disk() {
    DataLocations everything = locations(List.of(Path.of("/")));
    for (String location : List.of("file:///proc/self/environ", "/proc/self/environ", "/sys/kernel/hostname", "/dev/zero", "file:///dev/stdin")) {
      assertThat(refusal(() -> everything.checkInput(location))).as(location).startsWith(location + " is outside the folders").doesNotContain("PATH=");
      assertThat(refusal(() -> everything.list(location))).as(location).startsWith(location + " is outside the folders");
    }
  }

  @Test
  void dot_dot_is_refused_in_every_spelling() {
    String base = allowed.toUri().toString();
    for (String location :
        List.of(
            allowed + "/../outside/secret.csv",
            base + "../outside/secret.csv",
            base + "%2e%2e/outside/secret.csv",
            base + "%2E%2E%2Foutside%2Fsecret.csv",
            base + "sub/%2e%2e/%2e%2e/outside/secret.csv")) {
      assertThat(refusal(() -> locations.checkInput(location))).as(location).isEqualTo(location + " contains '..'; name the folder or file directly.");
      assertThat(refusal(() -> locations.checkOutput(location))).as(location).contains("contains '..'");
    }
  }

  @Test
  void percent_encoded_slashes_and_names_decode_to_the_same_file() throws Exception {
    String encoded = "file:///" + allowed.toString().substring(1).replace("/", "%2F") + "%2Fgood%2Ecsv";
    locations.checkInput(encoded);
    assertThat(read(locations.list(encoded).get(0))).isEqualTo("USER_ID\nu1\n");
  }

  @Test
  void malformed_and_foreign_locations_are_refused_with_what_works() {
    assertThat(refusal(() -> locations.checkInput("relative/path.csv"))).isEqualTo(
        "relative/path.csv is not a supported location; use s3://bucket/key, file:///path or an absolute path.");
    assertThat(refusal(() -> locations.checkInput("https://example.com/x.csv"))).contains("is not a supported location");
    assertThat(refusal(() -> locations.checkInput("file://host/etc/passwd"))).startsWith("file://host/etc/passwd is not a valid file location");
    assertThat(refusal(() -> locations.checkInput("file://" + allowed + "/a%00b.csv"))).contains("is not a valid file location");
    assertThat(refusal(() -> locations.checkInput("s3://"))).isEqualTo("s3:// is not a valid S3 location: it names no bucket.");
  }

  @Test
  void a_symlink_in_an_allowed_folder_that_leads_outside_is_refused() throws Exception {
    Path link = Files.createSymbolicLink(allowed.resolve("link.csv"), outside.resolve("secret.csv"));
    assertThat(refusal(() -> locations.checkInput(link.toString()))).startsWith(link + " is outside the folders");
    Path folderLink = Files.createSymbolicLink(allowed.resolve("elsewhere"), outside);
    assertThat(refusal(() -> locations.checkInput(folderLink.resolve("secret.csv").toString()))).startsWith(folderLink.resolve("secret.csv") + " is outside");
    assertThat(refusal(() -> locations.checkOutput(folderLink.resolve("new-folder").toString()))).startsWith(folderLink.resolve("new-folder") + " is outside");
  }

  @Test
  void a_symlink_inside_a_folder_is_checked_file_by_file_when_the_job_lists_it() throws Exception {
    Path folder = Files.createDirectories(allowed.resolve("parts"));
    Files.writeString(folder.resolve("a.csv"), "USER_ID\nu1\n");
    Files.createSymbolicLink(folder.resolve("b.csv"), outside.resolve("secret.csv"));
    locations.checkInput(folder.toString());
    assertThat(refusal(() -> locations.list(folder.toString()))).startsWith(folder.resolve("b.csv") + " is outside the folders");
  }

  @Test
  void a_symlink_that_stays_inside_the_folders_is_followed() throws Exception {
    Path folder = Files.createDirectories(allowed.resolve("parts"));
    Files.createSymbolicLink(folder.resolve("a.csv"), allowed.resolve("good.csv"));
    assertThat(locations.list(folder.toString())).extracting(SourceFile::name).containsExactly(folder.resolve("a.csv").toString());
    assertThat(read(locations.list(folder.toString()).get(0))).isEqualTo("USER_ID\nu1\n");
  }

  @Test
  void the_data_directory_is_cut_out_of_the_root_that_holds_it() throws Exception {
    for (Path p : List.of(dataDir, dataDir.resolve("tastemaker.db"), dataDir.resolve("objects"), dataDir.resolve("objects/new"))) {
      assertThat(refusal(() -> locations.checkInput(p.toString()))).as("%s", p).contains("inside the server's data directory");
      assertThat(refusal(() -> locations.checkOutput(p.toString()))).as("%s", p).contains("inside the server's data directory");
    }
    assertThat(refusal(() -> locations.list(dataDir.resolve("tastemaker.db").toUri().toString()))).contains("inside the server's data directory");
    Files.createSymbolicLink(allowed.resolve("db.csv"), dataDir.resolve("tastemaker.db"));
    assertThat(refusal(() -> locations.list(allowed.resolve("db.csv").toString()))).contains("inside the server's data directory");
    assertThat(refusal(() -> locations.output(dataDir.resolve("out").toString()))).contains("inside the server's data directory");
    assertThat(dataDir.resolve("out")).doesNotExist();
  }

  @Test
  void a_root_inside_the_data_directory_reaches_only_itself_and_never_the_objects() throws Exception {
    Path sample = Files.createDirectories(dataDir.resolve("sample-shop"));
    Files.writeString(sample.resolve("interactions.csv"), "USER_ID\nu1\n");
    DataLocations quickstart = locations(List.of(allowed, sample));
    assertThat(quickstart.list(sample.resolve("interactions.csv").toUri().toString())).hasSize(1);
    assertThat(refusal(() -> quickstart.checkInput(dataDir.resolve("tastemaker.db").toString()))).contains("inside the server's data directory");
    DataLocations objects = locations(List.of(dataDir.resolve("objects")));
    assertThat(refusal(() -> objects.checkInput(dataDir.resolve("objects/x").toString()))).contains("inside the server's data directory");
  }

  @Test
  void without_roots_every_local_path_is_refused_and_s3_is_not() throws Exception {
    DataLocations none = locations(List.of());
    assertThat(refusal(() -> none.checkInput(allowed.resolve("good.csv").toString()))).isEqualTo(
        allowed.resolve("good.csv") + " is a local path, and this server allows no local folders (its operator can name some with --local-data); use s3://bucket/key.");
    none.checkInput("s3://bucket/key.csv");
    none.checkOutput("s3://bucket/out/");
  }

  @Test
  void a_root_that_does_not_exist_yet_counts_once_it_does() throws Exception {
    Path later = allowed.resolveSibling("later");
    DataLocations withLater = locations(List.of(later));
    assertThat(refusal(() -> withLater.checkInput(later.resolve("x.csv").toString()))).contains("is outside the folders");
    Files.createDirectories(later);
    Files.writeString(later.resolve("x.csv"), "USER_ID\nu1\n");
    assertThat(withLater.list(later.resolve("x.csv").toString())).hasSize(1);
  }

  @Test
  void fifos_are_refused_and_never_opened() throws Exception {
    Path fifo = allowed.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    assertThat(refusal(() -> locations.checkInput(fifo.toString()))).isEqualTo(fifo + " is not a regular file or folder (a device, FIFO or socket); only files are read.");
    assertThat(refusal(() -> locations.list(fifo.toString()))).contains("not a regular file");
    Path folder = Files.createDirectories(allowed.resolve("with-pipe"));
    Files.writeString(folder.resolve("a.csv"), "USER_ID\nu1\n");
    Files.move(fifo, folder.resolve("b.csv"));
    assertThat(refusal(() -> locations.list(folder.toString()))).startsWith(folder.resolve("b.csv") + " is not a regular file");
  }

  @Test
  void folders_skip_hidden_files_and_subfolders() throws Exception {
    Path folder = Files.createDirectories(allowed.resolve("parts"));
    Files.writeString(folder.resolve("b.csv"), "b");
    Files.writeString(folder.resolve("a.csv"), "a");
    Files.writeString(folder.resolve(".hidden.csv"), "h");
    Files.createDirectories(folder.resolve("sub"));
    Files.createSymbolicLink(folder.resolve("outside-folder"), outside);
    assertThat(locations.list(folder.toUri().toString())).extracting(SourceFile::name)
        .containsExactly(folder.resolve("a.csv").toString(), folder.resolve("b.csv").toString());
  }

  @Test
  void an_output_folder_is_created_inside_the_roots_and_nowhere_else() throws Exception {
    Path target = allowed.resolve("out/deeper");
    OutputLocation output = locations.output(target.toUri().toString());
    try (OutputLocation.Pending file = output.create("users.json.out")) {
      file.stream().write("line\n".getBytes(StandardCharsets.UTF_8));
      file.commit();
    }
    assertThat(target.resolve("users.json.out")).hasContent("line");
    Path escape = outside.resolve("made-by-a-job");
    assertThat(refusal(() -> locations.output(escape.toString()))).startsWith(escape + " is outside the folders");
    assertThat(escape).doesNotExist();
  }

  @Test
  void a_temporary_output_file_planted_as_a_symlink_is_replaced_not_followed() throws Exception {
    Path folder = Files.createDirectories(allowed.resolve("out"));
    Path victim = outside.resolve("victim.txt");
    Files.writeString(victim, "unchanged");
    Files.createSymbolicLink(folder.resolve(".users.json.out.writing"), victim);
    OutputLocation output = locations.output(folder.toString());
    try (OutputLocation.Pending file = output.create("users.json.out")) {
      file.stream().write("answer\n".getBytes(StandardCharsets.UTF_8));
      file.commit();
    }
    assertThat(victim).hasContent("unchanged");
    assertThat(folder.resolve("users.json.out")).hasContent("answer");
  }

  @Test
  void a_killed_spark_application_s_hidden_part_folder_is_discarded_and_nothing_else() throws Exception {
    Path folder = Files.createDirectories(allowed.resolve("parts-out"));
    Path parts = Files.createDirectories(folder.resolve(".users.json.out.spark"));
    Files.writeString(parts.resolve("part-00000"), "half");
    Files.writeString(folder.resolve("users.json.out"), "kept");
    OutputLocation output = locations.output(folder.toString());
    output.discardHiddenFolder(".users.json.out.spark");
    output.discardHiddenFolder(".other.json.out.spark");
    assertThat(parts).doesNotExist();
    assertThat(folder.resolve("users.json.out")).hasContent("kept");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> output.discardHiddenFolder("..")).isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> output.discardHiddenFolder("users.json.out")).hasMessageContaining("hidden folder");
  }
}
