package io.tastemaker.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.store.Database;
import io.tastemaker.server.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The lease statements of the {@code jobs} table on both databases: each is conditional, so two replicas never both win. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class JobStoreTest {
  private static final ReplicaId A = new ReplicaId("r-00000000000a");
  private static final ReplicaId B = new ReplicaId("r-00000000000b");

  @Parameter TestDatabase database;
  @TempDir Path dir;
  private Database db;
  private final JobStore store = new JobStore();

  @BeforeEach
  void open() {
    db = TestDatabase.open(dir, database.fresh());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Job queued() {
    return db.write(tx -> {
      store.insert(tx, "t", "arn:x", 100);
      return store.inState(tx, JobStore.QUEUED).get(0);
    });
  }

  private Optional<Job> claim(Job job, ReplicaId owner, long now, long leaseEnd) {
    return db.write(tx -> store.claim(tx, job, owner, now, leaseEnd));
  }

  private List<Job> expired(long now, ReplicaId self) {
    return db.read(tx -> store.expired(tx, now, self));
  }

  private boolean renew(Job job, ReplicaId owner, long leaseEnd) {
    return db.write(tx -> store.renew(tx, job.id(), owner, leaseEnd));
  }

  private boolean takeOver(Job job, ReplicaId owner, long now, long leaseEnd) {
    return db.write(tx -> store.takeOver(tx, job, owner, now, leaseEnd, now));
  }

  private boolean remove(Job job, ReplicaId owner) {
    return db.write(tx -> store.remove(tx, job.id(), owner));
  }

  @Test
  void a_queued_job_is_claimed_by_the_first_replica_only() {
    Job job = queued();
    assertThat(claim(job, A, 200, 1200)).contains(new Job(job.id(), "t", "arn:x", 1));
    assertThat(claim(job, B, 201, 1201)).isEmpty();
  }

  @Test
  void a_lease_is_expired_only_after_its_end_and_never_for_its_own_replica() {
    Job job = queued();
    claim(job, A, 200, 1200);
    assertThat(expired(1200, B)).isEmpty();
    assertThat(expired(1201, B)).extracting(Job::id).containsExactly(job.id());
    assertThat(expired(5000, A)).isEmpty();
  }

  @Test
  void only_the_owner_renews_a_lease_and_a_renewed_lease_is_not_taken_over() {
    Job job = queued();
    claim(job, A, 200, 1200);
    assertThat(renew(job, B, 9000)).isFalse();
    assertThat(renew(job, A, 2200)).isTrue();
    assertThat(takeOver(job, B, 1500, 2500)).isFalse();
    assertThat(expired(2201, B)).hasSize(1);
  }

  @Test
  void an_expired_lease_is_taken_over_once_and_the_old_owner_can_neither_renew_nor_remove_it() {
    Job job = queued();
    Job claimed = claim(job, A, 200, 1200).orElseThrow();
    assertThat(takeOver(claimed, B, 1300, 2300)).isTrue();
    assertThat(takeOver(claimed, A, 1300, 2300)).isFalse();
    assertThat(renew(job, A, 9000)).isFalse();
    assertThat(remove(job, A)).isFalse();
    assertThat(remove(job, B)).isTrue();
    List<Job> running = db.read(tx -> store.inState(tx, JobStore.RUNNING));
    assertThat(running).isEmpty();
  }

  @Test
  void a_requeued_job_is_unowned_and_keeps_its_attempts_for_the_next_claim() {
    Job job = queued();
    Job claimed = claim(job, A, 200, 1200).orElseThrow();
    db.write(tx -> {
      store.requeue(tx, claimed, 1300);
      return null;
    });
    Job again = db.read(tx -> store.inState(tx, JobStore.QUEUED)).get(0);
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(claim(again, B, 1400, 2400)).contains(new Job(job.id(), "t", "arn:x", 2));
  }
}
