package io.tastemaker.bench;

import io.tastemaker.core.training.TrainingMonitor;

/** Prints training progress on stderr, so that stdout keeps only the tables. */
final class StderrProgress implements TrainingMonitor {
  @Override
  public boolean stopRequested() {
    return false;
  }

  @Override
  public void progress(double fraction, String message) {
    System.err.println("  " + message);
  }
}
