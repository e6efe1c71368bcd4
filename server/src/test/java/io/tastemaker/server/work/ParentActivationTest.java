package io.tastemaker.server.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.ResourceStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentActivationTest {
  private static final String ARN = "arn:aws:personalize:us-east-1:000000000000:solution/s1";
  private static final String CHILD = "solution version " + ARN + "/0000abcd";

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

  private Resource solution(String status) {
    Instant at = Instant.ofEpochMilli(1000);
    return new Resource(ARN, ResourceKind.SOLUTION, "s1", Optional.empty(), Optional.empty(), Optional.of(status), Optional.empty(), at, at,
        new ObjectMapper().createObjectNode());
  }

  private void set(String status, Optional<String> reason) {
    db.write(tx -> {
      store.update(tx, store.find(tx, ARN).orElseThrow().withStatus(status, reason, Instant.ofEpochMilli(2000)));
      return null;
    });
  }

  private CompletableFuture<Void> waiting(Duration limit) {
    return CompletableFuture.runAsync(() -> {
      try {
        ParentActivation.await(db, store, ARN, CHILD, limit);
      } catch (JobFailure e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    });
  }

  @Test
  void an_active_parent_lets_the_child_go_on_at_once() throws Exception {
    db.write(tx -> store.insert(tx, solution(Status.ACTIVE), "s1"));
    ParentActivation.await(db, store, ARN, CHILD, Duration.ofSeconds(1));
  }

  @Test
  void a_parent_still_being_created_is_waited_for_until_active() throws Exception {
    db.write(tx -> store.insert(tx, solution(Status.CREATE_PENDING), "s1"));
    CompletableFuture<Void> child = waiting(Duration.ofMinutes(1));
    Thread.sleep(100);
    assertThat(child).isNotDone();
    set(Status.CREATE_IN_PROGRESS, Optional.empty());
    Thread.sleep(100);
    assertThat(child).isNotDone();
    set(Status.ACTIVE, Optional.empty());
    child.get(5, TimeUnit.SECONDS);
  }

  @Test
  void a_parent_that_fails_fails_the_child_with_its_reason() {
    db.write(tx -> store.insert(tx, solution(Status.CREATE_PENDING), "s1"));
    CompletableFuture<Void> child = waiting(Duration.ofMinutes(1));
    set(Status.CREATE_FAILED, Optional.of("Disk full."));
    assertThatThrownBy(() -> child.get(5, TimeUnit.SECONDS)).hasMessageContaining(
        "The " + CHILD + " was created in the solution " + ARN + " before it was ACTIVE, and it ended CREATE FAILED: Disk full.");
  }

  @Test
  void a_deleted_parent_or_one_that_never_comes_fails_the_child() {
    assertThatThrownBy(() -> ParentActivation.await(db, store, ARN, CHILD, Duration.ofSeconds(1)))
        .isInstanceOf(JobFailure.class).hasMessageContaining("which was deleted before it became ACTIVE");
    db.write(tx -> store.insert(tx, solution(Status.CREATE_PENDING), "s1"));
    assertThatThrownBy(() -> ParentActivation.await(db, store, ARN, CHILD, Duration.ofSeconds(1)))
        .isInstanceOf(JobFailure.class).hasMessageContaining("was still CREATE PENDING after 1 s");
  }
}
