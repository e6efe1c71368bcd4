package io.tastemaker.core.io;

/** A stored file that cannot be read: corrupt, or written by a format version this code does not know. */
public final class FormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the file. */
  public enum Problem {
    CORRUPT,
    TOO_OLD,
    TOO_NEW
  }

  private final Problem problem;

  public FormatException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
