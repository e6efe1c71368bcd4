package io.tastemaker.bench.reliability;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.personalize.PersonalizeClient;

/** A kind of long job a kill run interrupts: how to start one, and whether this server serves it. */
interface LongJob {
  /** A job's status and failure reason, as its Describe operation gives them. */
  record Described(String status, String reason) {
    /** Whether the job ended well (ACTIVE; COMPLETED or DELETED for the job kinds that end so). */
    boolean finished() {
      return status.equals("ACTIVE") || status.equals("COMPLETED") || status.equals("DELETED");
    }
  }

  /** A started job: its ARN and how to describe it through any client. */
  record Started(String arn, Function<PersonalizeClient, Described> describe) {}

  /** The kind's name in the report, such as {@code import}. */
  String kind();

  /** Whether the server serves this kind's operations at all (newer kinds may not be there yet). */
  boolean served(PersonalizeClient p);

  /** How long a job of this kind takes unkilled; kills land at a random moment within it. */
  Duration typical();

  /** Starts job number {@code cycle} of this kind. */
  Started start(PersonalizeClient p, int cycle) throws Exception;

  /** What is wrong with a finished job's output, if anything (for kinds that write files). */
  default Optional<String> checkOutput(int cycle) throws Exception {
    return Optional.empty();
  }
}
