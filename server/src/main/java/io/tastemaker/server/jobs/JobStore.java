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

  /** Takes a queued job for this process; empty when someone else took it first. */
  Optional<Job> claim(Transaction tx, Job job, long now) throws SQLException {
    String sql = "UPDATE jobs SET state = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = ?";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setString(1, RUNNING);
      p.setLong(2, now);
      p.setString(3, job.id());
      p.setString(4, QUEUED);
      if (p.executeUpdate() != 1) {
        return Optional.empty();
      }
    }
    return Optional.of(new Job(job.id(), job.type(), job.targetArn(), job.attempts() + 1));
  }

  void requeue(Transaction tx, Job job, long now) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("UPDATE jobs SET state = ?, updated_at = ? WHERE id = ?")) {
      p.setString(1, QUEUED);
      p.setLong(2, now);
      p.setString(3, job.id());
      p.executeUpdate();
    }
  }

  void remove(Transaction tx, String id) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("DELETE FROM jobs WHERE id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    }
  }
}
