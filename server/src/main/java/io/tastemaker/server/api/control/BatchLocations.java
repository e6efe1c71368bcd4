package io.tastemaker.server.api.control;

import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.objects.LocationException;
import io.tastemaker.server.wire.ApiException;

/** The input and output locations of a batch job (inference or segments), checked when the request arrives. */
final class BatchLocations {
  private BatchLocations() {}

  /** Refuses input and output locations the job could not be allowed to read or write, naming the member. */
  static void check(ApiContext ctx, Input input) {
    String source = input.object("jobInput").flatMap(i -> i.object("s3DataSource")).map(s -> s.text("path")).orElseThrow();
    String destination = input.object("jobOutput").flatMap(o -> o.object("s3DataDestination")).map(s -> s.text("path")).orElseThrow();
    try {
      ctx.locations().checkInput(source);
    } catch (LocationException e) {
      throw ApiException.invalidInput("jobInput.s3DataSource.path " + e.getMessage());
    }
    try {
      ctx.locations().checkOutput(destination);
    } catch (LocationException e) {
      throw ApiException.invalidInput("jobOutput.s3DataDestination.path " + e.getMessage());
    }
  }
}
