package io.tastemaker.server.objects;

import io.tastemaker.core.io.FormatException;

/**
 * A stored object that cannot be used: missing, corrupt, unreadable, or written by a format version
 * this Tastemaker does not read. The message names the file as it lies in the data directory.
 */
public final class DamagedObjectException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the object. */
  public enum Problem {
    MISSING,
    CORRUPT,
    TOO_OLD,
    TOO_NEW,
    UNREADABLE
  }

  private final String key;
  private final Problem problem;

  DamagedObjectException(String key, Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
    this.problem = problem;
  }

  static DamagedObjectException missing(String key, String file) {
    return new DamagedObjectException(key, Problem.MISSING, file + " is missing", null);
  }

  static DamagedObjectException unreadable(String key, String file, Exception cause) {
    return new DamagedObjectException(key, Problem.UNREADABLE, file + " cannot be read: " + cause.getMessage(), cause);
  }

  /** From a format check that failed; its message already starts with the file's name. */
  static DamagedObjectException of(String key, FormatException cause) {
    Problem problem =
        switch (cause.problem()) {
          case CORRUPT -> Problem.CORRUPT;
          case TOO_OLD -> Problem.TOO_OLD;
          case TOO_NEW -> Problem.TOO_NEW;
        };
    return new DamagedObjectException(key, problem, cause.getMessage(), cause);
  }

  /** The object's key in the store. */
  public String key() {
    return key;
  }

  public Problem problem() {
    return problem;
  }
}
