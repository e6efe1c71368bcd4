package io.tastemaker.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class ResourceStoreTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  private DatabaseLocation location;
  private Database db;
  private final ResourceStore store = new ResourceStore();

  @BeforeEach
  void open() {
    location = database.fresh();
    db = TestDatabase.open(dir, location);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Resource group(String name, long createdMillis) {
    ObjectNode attributes = new ObjectMapper().createObjectNode().put("domain", "ECOMMERCE");
    String arn = "arn:aws:personalize:us-east-1:000000000000:dataset-group/" + name;
    Instant at = Instant.ofEpochMilli(createdMillis);
    return new Resource(arn, ResourceKind.DATASET_GROUP, name, Optional.empty(), Optional.of(arn), Optional.of(Status.CREATE_PENDING), Optional.empty(), at, at, attributes);
  }

  @Test
  void an_inserted_resource_reads_back_whole() {
    Resource g = group("g1", 1000);
    db.write(tx -> store.insert(tx, g, g.name()));
    Resource read = db.read(tx -> store.find(tx, g.arn())).orElseThrow();
    assertThat(read).isEqualTo(g);
  }

  @Test
  void a_second_resource_with_the_same_unique_name_is_refused() {
    db.write(tx -> store.insert(tx, group("g1", 1000), "g1"));
    boolean inserted = db.write(tx -> store.insert(tx, group("g1", 2000), "g1"));
    assertThat(inserted).isFalse();
  }

  @Test
  void pages_run_newest_first_and_resume_after_the_token_position() {
    for (int i = 0; i < 5; i++) {
      Resource g = group("g" + i, 1000 + i);
      db.write(tx -> store.insert(tx, g, g.name()));
    }
    ResourceStore.Page first = db.read(tx -> store.list(tx, ResourceKind.DATASET_GROUP, Optional.empty(), Optional.empty(), 2));
    assertThat(first.items()).extracting(Resource::name).containsExactly("g4", "g3");
    assertThat(first.more()).isTrue();
    Resource last = first.items().get(1);
    ResourceStore.Page rest =
        db.read(tx -> store.list(tx, ResourceKind.DATASET_GROUP, Optional.empty(),
            Optional.of(new PageToken.Position(last.createdAt().toEpochMilli(), last.arn())), 10));
    assertThat(rest.items()).extracting(Resource::name).containsExactly("g2", "g1", "g0");
    assertThat(rest.more()).isFalse();
  }

  @Test
  void resources_with_the_same_creation_time_are_paged_without_loss() {
    for (String name : List.of("a", "b", "c")) {
      Resource g = group(name, 5000);
      db.write(tx -> store.insert(tx, g, g.name()));
    }
    ResourceStore.Page first = db.read(tx -> store.list(tx, ResourceKind.DATASET_GROUP, Optional.empty(), Optional.empty(), 1));
    Resource last = first.items().get(0);
    ResourceStore.Page rest =
        db.read(tx -> store.list(tx, ResourceKind.DATASET_GROUP, Optional.empty(),
            Optional.of(new PageToken.Position(last.createdAt().toEpochMilli(), last.arn())), 10));
    assertThat(first.items()).extracting(Resource::name).containsExactly("c");
    assertThat(rest.items()).extracting(Resource::name).containsExactly("b", "a");
  }

  @Test
  void updates_change_status_and_deletes_remove_the_resource_and_its_tags() {
    Resource g = group("g1", 1000);
    TagStore tags = new TagStore();
    db.write(tx -> {
      store.insert(tx, g, g.name());
      tags.put(tx, g.arn(), java.util.Map.of("team", "search"));
      return null;
    });
    db.write(tx -> {
      store.update(tx, g.withStatus(Status.ACTIVE, Optional.empty(), Instant.ofEpochMilli(2000)));
      return null;
    });
    assertThat(db.read(tx -> store.find(tx, g.arn())).orElseThrow().status()).contains(Status.ACTIVE);
    db.write(tx -> {
      store.delete(tx, g.arn());
      return null;
    });
    Optional<Resource> gone = db.read(tx -> store.find(tx, g.arn()));
    java.util.Map<String, String> tagsLeft = db.read(tx -> tags.tags(tx, g.arn()));
    assertThat(gone).isEmpty();
    assertThat(tagsLeft).isEmpty();
  }

  @Test
  void a_failed_transaction_leaves_nothing_behind() {
    Resource g = group("g1", 1000);
    assertThatThrownBy(() -> db.write(tx -> {
      store.insert(tx, g, g.name());
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    Optional<Resource> read = db.read(tx -> store.find(tx, g.arn()));
    assertThat(read).isEmpty();
  }

  @Test
  void state_survives_reopening_the_database() {
    Resource g = group("g1", 1000);
    db.write(tx -> store.insert(tx, g, g.name()));
    db.close();
    db = TestDatabase.open(dir, location);
    Optional<Resource> read = db.read(tx -> store.find(tx, g.arn()));
    assertThat(read).contains(g);
  }

  @Test
  void a_refused_insert_leaves_the_rest_of_its_transaction_working() {
    db.write(tx -> store.insert(tx, group("g1", 1000), "g1"));
    // PostgreSQL aborts a transaction at a failed statement; the conflict must not be one.
    Resource other = group("g2", 2000);
    boolean[] inserted = db.write(tx -> new boolean[] {store.insert(tx, group("g1", 3000), "g1"), store.insert(tx, other, other.name())});
    assertThat(inserted).containsExactly(false, true);
    Optional<Resource> read = db.read(tx -> store.find(tx, other.arn()));
    assertThat(read).contains(other);
  }

  @Test
  void concurrent_writers_that_read_then_write_never_lose_an_update() throws Exception {
    // The store's callers read, decide and write in one transaction, trusting that no other writer
    // slips in between, as SQLite guarantees; PostgreSQL must keep that promise too.
    Resource g = group("counter", 1000);
    db.write(tx -> store.insert(tx, g, g.name()));
    int threads = 8;
    int increments = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < increments; i++) {
            db.write(tx -> {
              Resource now = store.find(tx, g.arn()).orElseThrow();
              ObjectNode attributes = now.attributes().deepCopy();
              attributes.put("count", attributes.path("count").asInt() + 1);
              store.update(tx, now.withAttributes(attributes, now.updatedAt()));
              return null;
            });
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    int count = db.read(tx -> store.find(tx, g.arn())).orElseThrow().attributes().get("count").asInt();
    assertThat(count).isEqualTo(threads * increments);
  }

  @Test
  void migration_statements_are_split_and_comments_dropped() {
    assertThat(Migrations.statements("-- a comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
  }
}
