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

  /**
   * A monitor for part {@code index} of {@code count} equal parts of this run (a trial of a search):
   * its progress reports as that part's share of the whole, its messages prefixed with {@code label}.
   */
  default TrainingMonitor part(int index, int count, String label) {
    TrainingMonitor whole = this;
    return new TrainingMonitor() {
      @Override
      public boolean stopRequested() {
        return whole.stopRequested();
      }

      @Override
      public void progress(double fraction, String message) {
        whole.progress((index + fraction) / count, label + ": " + message);
      }
    };
  }

  /** Throws {@link TrainingStopped} when a stop was requested. */
  default void checkStop() {
    if (stopRequested()) {
      throw new TrainingStopped();
    }
  }
}
