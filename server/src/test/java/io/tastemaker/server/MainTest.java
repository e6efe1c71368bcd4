package io.tastemaker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void the_server_refuses_to_listen_beyond_loopback_without_credentials() {
    assertThat(run("serve", "--host", "0.0.0.0", "--port", "0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to listen on 0.0.0.0 without access keys");
  }

  @Test
  void backup_refuses_a_postgresql_configuration_and_says_what_to_do_instead() {
    assertThatThrownBy(() -> run("backup", "/tmp/never-written", "--database", "jdbc:postgresql://db.example:5432/tm?password=s3cret"))
        .hasMessage("backup copies the embedded database; with PostgreSQL (jdbc:postgresql://db.example:5432/tm?...) take pg_dump first, then copy objects/");
  }

  @Test
  void a_database_server_that_cannot_be_reached_stops_the_start_with_the_driver_s_reason() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    java.nio.file.Path data = java.nio.file.Files.createTempDirectory("tastemaker-main").resolve("data");
    assertThat(run("serve", "--port", "0", "--data-dir", data.toString(), "--database", "jdbc:postgresql://127.0.0.1:" + port + "/tm")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tastemaker: could not start: ").contains("127.0.0.1:" + port).contains("refused");
  }

  @Test
  void help_lists_the_commands() {
    assertThat(run("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve").contains("--data-dir").contains("--local-data DIR").contains("TASTEMAKER_LOCAL_DATA")
        .contains("--database URL").contains("TASTEMAKER_DATABASE_PASSWORD");
  }

  @Test
  void an_unknown_command_is_refused_with_usage() {
    assertThat(run("launch")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command launch").contains("Usage");
  }

  @Test
  void bad_options_name_the_option() {
    assertThatThrownBy(() -> run("serve", "--port", "eighty")).hasMessage("--port must be a number, got eighty");
    assertThatThrownBy(() -> run("serve", "--colour", "red")).hasMessage("unknown option --colour");
    assertThatThrownBy(() -> run("serve", "--port")).hasMessage("option --port needs a value");
    assertThatThrownBy(() -> run("serve", "--account", "12")).hasMessage("--account must be 12 digits, got 12");
  }

  @Test
  void backup_needs_a_destination_and_is_listed_in_help() {
    assertThatThrownBy(() -> run("backup", "--data-dir", "somewhere")).hasMessage("backup needs a destination folder: tastemaker backup DEST --data-dir D");
    assertThatThrownBy(() -> run("backup")).hasMessage("backup needs a destination folder: tastemaker backup DEST --data-dir D");
    assertThat(run("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("backup DEST");
  }

  @Test
  void backup_refuses_a_server_whose_objects_are_in_s3() {
    assertThatThrownBy(() -> run("backup", "dest", "--data-dir", "somewhere", "--object-store", "s3://tastemaker-prod/objects"))
        .hasMessage("backup copies the data directory's database and its objects/ folder, but with --object-store the objects are in"
            + " s3://tastemaker-prod/objects: back them up with the bucket's versioning or replication, and the database on its own");
  }
}
