package io.tastemaker.bench.reliability;

/** The ways a fuzz run spoils a valid request; {@link #VALID} leaves it as it is. */
enum Mutation {
  VALID,
  /** A required member removed. */
  MISSING_REQUIRED,
  /** A member set to JSON null. */
  NULL_MEMBER,
  /** A member given a value of another JSON type (an object for a string, a string for a number, ...). */
  WRONG_TYPE,
  /** A number, or a number written in a string (hyperparameters), at or beyond int, long and double limits. */
  NUMBER_LIMITS,
  /** A hyperparameter of a recipe pushed to a limit, with HPO ranges and job counts at limits too. */
  HYPERPARAMETER_LIMITS,
  /** A string member 300,000 characters long. */
  HUGE_STRING,
  /** A string member with emoji, right-to-left text, combining marks, a lone surrogate. */
  UNICODE,
  /** A string member with NUL, newline, escape and delete characters. */
  CONTROL_CHARACTERS,
  /** A member nested thousands of arrays or objects deep. */
  DEEP_NESTING,
  /** An ARN member naming another kind of resource, another account, or no resource at all. */
  WRONG_KIND_ARN,
  /** A list member empty, or longer than its limit. */
  LIST_SIZE,
  /** A modeled optional member added with a plain value. */
  OPTIONAL_MEMBERS,
  /** A member the model does not know. */
  UNKNOWN_MEMBER,
  /** A body that is not quite JSON: cut short, trailing text, single quotes, NaN, bad UTF-8, a BOM... */
  MALFORMED_JSON,
  /** No body at all. */
  EMPTY_BODY,
  /** Another Content-Type, or none. */
  WRONG_CONTENT_TYPE,
  /** A target or path that names no operation, or another method. */
  UNKNOWN_TARGET,
  /** A body past the 1 MiB limit. */
  OVERSIZED_BODY
}
