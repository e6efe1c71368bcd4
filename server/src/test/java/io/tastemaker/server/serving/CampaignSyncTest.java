package io.tastemaker.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.ResourceStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignSyncTest {
  private static final String SOLUTION = "arn:aws:personalize:us-east-1:000000000000:solution/shop";

  @TempDir Path dir;
  private Database db;
  private final ResourceStore store = new ResourceStore();

  @BeforeEach
  void open() {
    db = Database.openEmbedded(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void version(String id, String status, String trainingMode, long createdSecond) {
    ObjectNode attributes = Json.object().put("trainingMode", trainingMode);
    Instant at = Instant.ofEpochSecond(createdSecond);
    Resource v = new Resource(SOLUTION + "/" + id, ResourceKind.SOLUTION_VERSION, "shop/" + id, Optional.of(SOLUTION), Optional.empty(), Optional.of(status),
        Optional.empty(), at, at, attributes);
    db.write(tx -> store.insert(tx, v, v.arn()));
  }

  private Optional<String> latest() {
    return db.read(tx -> CampaignSync.latestFull(store, tx, SOLUTION)).map(Resource::arn);
  }

  @Test
  void the_latest_is_the_newest_active_version_trained_in_full() {
    assertThat(latest()).isEmpty();
    version("0000000a", Status.ACTIVE, "FULL", 100);
    version("0000000b", Status.ACTIVE, "FULL", 200);
    assertThat(latest()).contains(SOLUTION + "/0000000b");
    // Newer, but not trained in full, not finished, or failed: none of them is followed.
    version("0000000c", Status.ACTIVE, "UPDATE", 300);
    version("0000000d", Status.CREATE_IN_PROGRESS, "FULL", 400);
    version("0000000e", Status.CREATE_FAILED, "FULL", 500);
    assertThat(latest()).contains(SOLUTION + "/0000000b");
    version("0000000f", Status.ACTIVE, "FULL", 600);
    assertThat(latest()).contains(SOLUTION + "/0000000f");
  }

  @Test
  void only_a_solution_arn_with_latest_and_a_set_flag_follow() throws Exception {
    assertThat(CampaignSync.follows(Json.parse("{\"syncWithLatestSolutionVersion\": true}"))).isTrue();
    assertThat(CampaignSync.follows(Json.parse("{\"syncWithLatestSolutionVersion\": false}"))).isFalse();
    assertThat(CampaignSync.follows(Json.parse("{}"))).isFalse();
    assertThat(CampaignSync.follows(null)).isFalse();
  }
}
