-- Data deletion jobs find a user's streamed events, and the sessions they claimed, by user.
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.
CREATE INDEX events_group_user ON events (dataset_group_arn, user_id);
