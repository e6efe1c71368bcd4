-- Replicas on one database: what one replica changed of what every replica keeps in memory (records
-- put, a dataset's data replaced, users deleted from a group), numbered in commit order, so that the
-- others follow it. The rows name datasets and groups, never a user. Old rows are pruned.
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.
CREATE TABLE replica_changes (
  seq BIGINT PRIMARY KEY,
  origin VARCHAR(64) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  subject VARCHAR(512) NOT NULL,
  first_record BIGINT NOT NULL,
  last_record BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
