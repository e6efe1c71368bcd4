-- Every Personalize resource, its lifecycle and its wire attributes (JSON text).
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.
CREATE TABLE resources (
  arn VARCHAR(512) PRIMARY KEY,
  kind VARCHAR(40) NOT NULL,
  name VARCHAR(256) NOT NULL,
  unique_name VARCHAR(512) NOT NULL,
  parent_arn VARCHAR(512),
  dataset_group_arn VARCHAR(512),
  status VARCHAR(40),
  failure_reason TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  attributes TEXT NOT NULL
);
CREATE UNIQUE INDEX resources_kind_unique_name ON resources (kind, unique_name);
CREATE INDEX resources_kind_parent ON resources (kind, parent_arn, created_at);
CREATE INDEX resources_kind_group ON resources (kind, dataset_group_arn);

CREATE TABLE tags (
  arn VARCHAR(512) NOT NULL,
  tag_key VARCHAR(128) NOT NULL,
  tag_value VARCHAR(256) NOT NULL,
  PRIMARY KEY (arn, tag_key)
);

-- Background work (creation, deletion, import, training, batch) that survives the process.
CREATE TABLE jobs (
  id VARCHAR(64) PRIMARY KEY,
  job_type VARCHAR(40) NOT NULL,
  target_arn VARCHAR(512) NOT NULL,
  state VARCHAR(16) NOT NULL,
  attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX jobs_state ON jobs (state, created_at);
