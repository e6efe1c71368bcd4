package io.tastemaker.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateAuditTest {
  @TempDir Path data;

  private void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("tastemaker.db")); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private void object(String key, int bytes) throws Exception {
    Path file = data.resolve("objects").resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }

  @Test
  void finds_the_event_ids_of_one_group() throws Exception {
    sql("CREATE TABLE events (seq BIGINT, dataset_group_arn TEXT, event_id TEXT)",
        "INSERT INTO events VALUES (1, 'g1', 'a'), (2, 'g1', 'b'), (3, 'g2', 'c')");
    assertThat(new StateAudit(data).eventIds("g1")).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void an_object_no_resource_names_is_unreferenced_with_its_size_staging_files_too() throws Exception {
    sql("CREATE TABLE resources (arn TEXT, attributes TEXT)",
        "INSERT INTO resources VALUES ('d', '{\"_segments\":[\"datasets/g/imp-a1-00000.seg\"]}'), ('v', '{\"_model\":\"models/s/v.model\",\"n\":3}')");
    object("datasets/g/imp-a1-00000.seg", 10);
    object("datasets/g/imp-a1-00001.seg", 7);
    object("models/s/v.model", 20);
    object(".staging/x.part", 5);
    assertThat(new StateAudit(data).unreferencedObjects()).isEqualTo(Map.of("datasets/g/imp-a1-00001.seg", 7L, ".staging/x.part", 5L));
  }
}
