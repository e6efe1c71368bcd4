-- Events streamed with PutEvents, in the order they were accepted (seq, assigned by the server).
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.
CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  dataset_group_arn VARCHAR(512) NOT NULL,
  event_id VARCHAR(256) NOT NULL,
  user_id VARCHAR(256),
  session_id VARCHAR(256) NOT NULL,
  item_id VARCHAR(256),
  event_type VARCHAR(256) NOT NULL,
  event_value DOUBLE PRECISION,
  sent_at BIGINT NOT NULL,
  recommendation_id VARCHAR(40),
  impression TEXT,
  fields TEXT NOT NULL
);
CREATE UNIQUE INDEX events_group_event_id ON events (dataset_group_arn, event_id);
CREATE INDEX events_group_seq ON events (dataset_group_arn, seq);

-- Items and users put one at a time with PutItems and PutUsers; a later put of an id replaces it.
CREATE TABLE records (
  dataset_arn VARCHAR(512) NOT NULL,
  record_id VARCHAR(256) NOT NULL,
  seq BIGINT NOT NULL,
  fields TEXT NOT NULL,
  PRIMARY KEY (dataset_arn, record_id)
);
