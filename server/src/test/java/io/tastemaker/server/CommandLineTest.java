package io.tastemaker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.tastemaker.server.store.DatabaseLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
  @TempDir Path work;

  @Test
  void the_database_is_embedded_unless_an_option_or_the_environment_names_a_postgresql_url() {
    assertThat(CommandLine.database(Optional.empty(), Map.of()).embeddedDatabase()).isTrue();
    assertThat(CommandLine.database(Optional.empty(), Map.of("TASTEMAKER_DATABASE", " ")).embeddedDatabase()).isTrue();
    DatabaseLocation fromEnv = CommandLine.database(Optional.empty(),
        Map.of("TASTEMAKER_DATABASE", "jdbc:postgresql://db:5432/tm", "TASTEMAKER_DATABASE_USER", "tm", "TASTEMAKER_DATABASE_PASSWORD", "s3cret"));
    assertThat(fromEnv).isEqualTo(DatabaseLocation.postgresql("jdbc:postgresql://db:5432/tm", Optional.of("tm"), Optional.of("s3cret")));
    // The option wins over the environment; the credentials still come from it.
    assertThat(CommandLine.database(Optional.of("jdbc:postgresql://other/tm"), Map.of("TASTEMAKER_DATABASE", "jdbc:postgresql://db/tm", "TASTEMAKER_DATABASE_USER", "tm")))
        .isEqualTo(DatabaseLocation.postgresql("jdbc:postgresql://other/tm", Optional.of("tm"), Optional.empty()));
  }

  @Test
  void a_database_url_of_another_kind_is_refused_without_showing_its_query() {
    assertThatThrownBy(() -> CommandLine.database(Optional.of("jdbc:mysql://db/tm?password=s3cret"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--database must be a jdbc:postgresql://host:port/database URL, got jdbc:mysql://db/tm?...");
    assertThat(DatabaseLocation.postgresql("jdbc:postgresql://db/tm?user=a&password=s3cret", Optional.empty(), Optional.empty()).toString())
        .isEqualTo("jdbc:postgresql://db/tm?...");
  }

  @Test
  void without_access_keys_the_working_directory_is_the_local_data_folder() {
    assertThat(CommandLine.localDataRoots(List.of(), Optional.empty(), false, work)).containsExactly(work);
  }

  @Test
  void with_access_keys_no_local_folder_is_allowed_unless_named() throws IOException {
    assertThat(CommandLine.localDataRoots(List.of(), Optional.empty(), true, work)).isEmpty();
    assertThat(CommandLine.localDataRoots(List.of(), Optional.of(" "), true, work)).isEmpty();
    Path data = Files.createDirectories(work.resolve("data"));
    assertThat(CommandLine.localDataRoots(List.of("data"), Optional.empty(), true, work)).containsExactly(data);
  }

  @Test
  void local_data_repeats_and_the_environment_separates_folders_with_the_path_separator() throws IOException {
    Path a = Files.createDirectories(work.resolve("a"));
    Path b = Files.createDirectories(work.resolve("b"));
    assertThat(CommandLine.localDataRoots(List.of(a.toString(), "b/../b"), Optional.empty(), true, work)).containsExactly(a, b);
    assertThat(CommandLine.localDataRoots(List.of(), Optional.of(a + java.io.File.pathSeparator + b), true, work)).containsExactly(a, b);
    // The option wins over the environment, as every other option does.
    assertThat(CommandLine.localDataRoots(List.of(b.toString()), Optional.of(a.toString()), false, work)).containsExactly(b);
  }

  @Test
  void a_local_data_folder_that_does_not_exist_is_refused_naming_it() {
    assertThatThrownBy(() -> CommandLine.localDataRoots(List.of("missing"), Optional.empty(), false, work))
        .hasMessage("--local-data must name existing folders, got missing");
    assertThatThrownBy(() -> CommandLine.localDataRoots(List.of(), Optional.of("/no/such/folder"), false, work))
        .hasMessage("TASTEMAKER_LOCAL_DATA must name existing folders, got /no/such/folder");
  }

  @Test
  void the_option_parses_into_the_server_config() throws IOException {
    Path a = Files.createDirectories(work.resolve("a"));
    Path b = Files.createDirectories(work.resolve("b"));
    ServerConfig config = CommandLine.parse(List.of("--local-data", a.toString(), "--local-data=" + b, "--port", "0")).serverConfig("data");
    assertThat(config.localDataRoots()).containsExactly(a, b);
  }

  @Test
  void the_object_store_option_names_a_bucket_and_prefix_and_defaults_to_the_data_directory() {
    assertThat(CommandLine.parse(List.of("--port", "0")).serverConfig("data").objectStore()).isEmpty();
    ServerConfig config = CommandLine.parse(List.of("--object-store", "s3://tastemaker-prod/objects/")).serverConfig("data");
    assertThat(config.objectStore()).contains(new io.tastemaker.server.objects.ObjectStoreLocation("tastemaker-prod", "objects"));
    assertThatThrownBy(() -> CommandLine.parse(List.of("--object-store", "gs://bucket")).serverConfig("data"))
        .hasMessageStartingWith("--object-store must be s3://bucket or s3://bucket/prefix").hasMessageEndingWith("got gs://bucket");
  }

  @Test
  void the_spark_master_takes_a_classpath_from_the_option_or_the_environment() {
    assertThat(CommandLine.spark(Map.of(), Map.of())).isEmpty();
    assertThat(CommandLine.spark(Map.of("spark-master", "local[2]", "spark-classpath", "/opt/spark/jars/*"), Map.of()))
        .contains(new SparkSettings("local[2]", "/opt/spark/jars/*"));
    assertThat(CommandLine.spark(Map.of(), Map.of("TASTEMAKER_SPARK_MASTER", "spark://m:7077", "TASTEMAKER_SPARK_CLASSPATH", "a.jar:b.jar")))
        .contains(new SparkSettings("spark://m:7077", "a.jar:b.jar"));
    assertThatThrownBy(() -> CommandLine.spark(Map.of("spark-master", "local[2]"), Map.of()))
        .hasMessageStartingWith("--spark-master needs --spark-classpath (or TASTEMAKER_SPARK_CLASSPATH)");
    assertThatThrownBy(() -> CommandLine.spark(Map.of("spark-master", "local [2]", "spark-classpath", "x.jar"), Map.of()))
        .hasMessageEndingWith("got 'local [2]'");
    assertThatThrownBy(() -> CommandLine.spark(Map.of("spark-classpath", "x.jar"), Map.of())).hasMessageContaining("without --spark-master");
  }

  @Test
  void the_spark_driver_memory_comes_from_the_option_or_the_environment_else_the_default() {
    Map<String, String> master = Map.of("spark-master", "local[2]", "spark-classpath", "x.jar");
    assertThat(CommandLine.spark(master, Map.of()).orElseThrow().driverMemory()).isEqualTo(SparkSettings.DEFAULT_DRIVER_MEMORY);
    assertThat(CommandLine.spark(master, Map.of("TASTEMAKER_SPARK_DRIVER_MEMORY", "3g")).orElseThrow().driverMemory()).isEqualTo("3g");
    Map<String, String> withMemory = new java.util.HashMap<>(master);
    withMemory.put("spark-driver-memory", "6144m");
    assertThat(CommandLine.spark(withMemory, Map.of("TASTEMAKER_SPARK_DRIVER_MEMORY", "3g")).orElseThrow().driverMemory()).isEqualTo("6144m");
    withMemory.put("spark-driver-memory", "lots");
    assertThatThrownBy(() -> CommandLine.spark(withMemory, Map.of())).hasMessage("--spark-driver-memory must be a JVM heap size such as 2g or 4096m, got 'lots'");
    assertThatThrownBy(() -> CommandLine.spark(Map.of("spark-driver-memory", "4g"), Map.of())).hasMessageContaining("--spark-driver-memory is given without --spark-master");
  }
}
