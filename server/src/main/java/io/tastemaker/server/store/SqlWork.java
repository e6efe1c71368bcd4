package io.tastemaker.server.store;

import java.sql.SQLException;

/** A unit of database work. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Transaction tx) throws SQLException;
}
