-- Replicas on one database: a running job belongs to the replica holding its lease until the lease
-- expires; a heartbeat moves the expiry on while the job runs. Rows from before are unowned (expired).
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.
ALTER TABLE jobs ADD COLUMN lease_owner VARCHAR(64);
ALTER TABLE jobs ADD COLUMN lease_expires_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX jobs_state_lease ON jobs (state, lease_expires_at);
