package io.tastemaker.core.training;

/** Lets a long training run report progress and notice a request to stop. */
public interface TrainingMonitor {
  TrainingMonitor NONE =
      new TrainingMonitor() {
        @Override
        public boolean stopRequested() {
          return false;
        }

        @Override
        public void progress(double fraction, String message) {}
      };

  /** Whether the user asked to stop; trainers check it between steps and throw {@link TrainingStopped}. */
  boolean stopRequested();

  /** Reports how far training is, from 0 to 1. */
  void progress(double fraction, String message);

  /** Throws {@link TrainingStopped} when a stop was requested. */
  default void checkStop() {
    if (stopRequested()) {
      throw new TrainingStopped();
    }
  }
}
