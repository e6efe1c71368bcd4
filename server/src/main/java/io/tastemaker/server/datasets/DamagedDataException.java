package io.tastemaker.server.datasets;

/**
 * A dataset whose stored data cannot be read, with a message that names the dataset, the damaged
 * file and the import jobs to run again.
 */
public final class DamagedDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String datasetArn;

  DamagedDataException(String datasetArn, String message, Throwable cause) {
    super(message, cause);
    this.datasetArn = datasetArn;
  }

  public String datasetArn() {
    return datasetArn;
  }
}
