package io.tastemaker.server.jobs;

/** Runs one type of job and ends its resource in failure when the job cannot finish. */
public interface JobHandler {

  /** Does the work; a {@link JobFailure} (or any exception) ends the target failed. */
  void run(Job job) throws Exception;

  /** Marks the job's resource failed with a reason a user can act on. */
  void fail(Job job, String reason);

  /** The {@code failureReason} for an exception other than a {@link JobFailure}. */
  default String failureReason(Exception failure) {
    return "Internal error: " + failure;
  }

  /** Whether the job can run on the shared lane of quick work, or needs the lane of heavy work. */
  default boolean heavy() {
    return false;
  }

  /** How many times a job interrupted by a crash is started again before it is failed. */
  default int maxAttempts() {
    return 3;
  }
}
