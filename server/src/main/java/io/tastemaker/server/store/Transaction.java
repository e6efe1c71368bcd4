package io.tastemaker.server.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** A connection inside one unit of work, with actions to run once the work has committed. */
public final class Transaction {
  private final Connection connection;
  private final List<Runnable> afterCommit = new ArrayList<>();

  Transaction(Connection connection) {
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  /** Runs {@code action} after a successful commit; dropped on rollback. */
  public void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  void committed() {
    afterCommit.forEach(Runnable::run);
  }
}
