package io.tastemaker.server.jobs;

import io.tastemaker.server.store.Transaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code jobs} table: queued and running work. */
final class JobStore {
  static final String QUEUED = "QUEUED";
  static final String RUNNING = "RUNNING";

  String insert(Transaction tx, String type, String targetArn, long now) throws SQLException {
    String id = UUID.randomUUID().toString();
    String sql = "INSERT INTO jobs (id, job_type, target_arn, state, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setString(1, id);
      p.setString(2, type);
      p.setString(3, targetArn);
      p.setString(4, QUEUED);
      p.setLong(5, now);
      p.setLong(6, now);
      p.executeUpdate();
    }
    return id;
  }

  List<Job> inState(Transaction tx, String state) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    String sql = "SELECT id, job_type, target_arn, attempts FROM jobs WHERE state = ? ORDER BY created_at, id";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setString(1, state);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          jobs.add(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        }
      }
    }
    return jobs;
  }

  /**
   * Running jobs whose lease ran out before {@code now} (or that no replica ever leased), except those
   * of {@code self}: a replica never takes its own work from itself.
   */
  List<Job> expired(Transaction tx, long now, ReplicaId self) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    String sql =
        "SELECT id, job_type, target_arn, attempts FROM jobs WHERE state = ? AND lease_expires_at < ?"
            + " AND (lease_owner IS NULL OR lease_owner <> ?) ORDER BY created_at, id";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setString(1, RUNNING);
      p.setLong(2, now);
      p.setString(3, self.value());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          jobs.add(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        }
      }
    }
    return jobs;
  }

  /** Takes a queued job for {@code owner} until {@code leaseEnd}; empty when another replica took it first. */
  Optional<Job> claim(Transaction tx, Job job, ReplicaId owner, long now, long leaseEnd) throws SQLException {
    String sql =
        "UPDATE jobs SET state = ?, attempts = attempts + 1, lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE id = ? AND state = ?";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setString(1, RUNNING);
      p.setString(2, owner.value());
      p.setLong(3, leaseEnd);
      p.setLong(4, now);
      p.setString(5, job.id());
      p.setString(6, QUEUED);
      if (p.executeUpdate() != 1) {
        return Optional.empty();
      }
    }
    return Optional.of(new Job(job.id(), job.type(), job.targetArn(), job.attempts() + 1));
  }

  /**
   * Takes a running job whose lease ended before {@code expiredBefore} for {@code owner} until
   * {@code leaseEnd}, keeping its attempts; false when it is no longer such a job (finished, renewed,
   * or taken by another replica first).
   */
  boolean takeOver(Transaction tx, Job job, ReplicaId owner, long now, long leaseEnd, long expiredBefore) throws SQLException {
    String sql = "UPDATE jobs SET lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE id = ? AND state = ? AND lease_expires_at < ?";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setString(1, owner.value());
      p.setLong(2, leaseEnd);
      p.setLong(3, now);
      p.setString(4, job.id());
      p.setString(5, RUNNING);
      p.setLong(6, expiredBefore);
      return p.executeUpdate() == 1;
    }
  }

  /** Moves the lease of a job {@code owner} runs on to {@code leaseEnd}; false when the owner has lost it. */
  boolean renew(Transaction tx, String id, ReplicaId owner, long leaseEnd) throws SQLException {
    String sql = "UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND state = ? AND lease_owner = ?";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setLong(1, leaseEnd);
      p.setString(2, id);
      p.setString(3, RUNNING);
      p.setString(4, owner.value());
      return p.executeUpdate() == 1;
    }
  }

  /** Whether {@code owner} still runs the job under its lease (no other replica took it over). */
  boolean holds(Transaction tx, String id, ReplicaId owner) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT 1 FROM jobs WHERE id = ? AND state = ? AND lease_owner = ?")) {
      p.setString(1, id);
      p.setString(2, RUNNING);
      p.setString(3, owner.value());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Queues a running job again, unowned, for the next claim. */
  void requeue(Transaction tx, Job job, long now) throws SQLException {
    String sql = "UPDATE jobs SET state = ?, lease_owner = NULL, lease_expires_at = 0, updated_at = ? WHERE id = ?";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setString(1, QUEUED);
      p.setLong(2, now);
      p.setString(3, job.id());
      p.executeUpdate();
    }
  }

  /** Deletes a finished job if {@code owner} still holds it; false when another replica took it over. */
  boolean remove(Transaction tx, String id, ReplicaId owner) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("DELETE FROM jobs WHERE id = ? AND lease_owner = ?")) {
      p.setString(1, id);
      p.setString(2, owner.value());
      return p.executeUpdate() == 1;
    }
  }
}
