package io.tastemaker.bench.reliability;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The tallies of a fuzz run and their tables: per API, per status, per mutation, and every fault with an example. */
final class FuzzReport {
  private static final List<String> APIS = List.of("control", "runtime", "events", "raw");

  /** A kind of fault and how often it came, with its first example. */
  private static final class Fault {
    final HttpCall call;
    final Answer answer;
    final String cause;
    int count;

    Fault(HttpCall call, Answer answer, String cause) {
      this.call = call;
      this.answer = answer;
      this.cause = cause;
    }
  }

  private final Map<String, long[]> byApi = new TreeMap<>();
  private final Map<Integer, long[]> byStatus = new TreeMap<>();
  private final Map<String, long[]> byMutation = new TreeMap<>();
  private final Map<String, long[]> validByOperation = new TreeMap<>();
  private final Map<String, Map<String, Integer>> validRefusals = new TreeMap<>();
  private final Map<String, Fault> serverErrors = new TreeMap<>();
  private final Map<String, Fault> badShapes = new TreeMap<>();
  private final Map<String, Fault> noAnswers = new TreeMap<>();
  private final Map<String, Fault> accepted = new TreeMap<>();
  private final List<String> probes = new ArrayList<>();
  private final List<String> deaths = new ArrayList<>();
  private long requests;

  /** Counts one request of the generator and files it under a fault when it is one. */
  void record(HttpCall call, Answer answer, Optional<String> exception) {
    requests++;
    int column = column(answer);
    byApi.computeIfAbsent(call.api(), k -> new long[5])[column]++;
    byApi.get(call.api())[4]++;
    byStatus.computeIfAbsent(answer.status(), k -> new long[APIS.size()])[APIS.indexOf(call.api())]++;
    byMutation.computeIfAbsent(call.mutation(), k -> new long[5])[column]++;
    byMutation.get(call.mutation())[4]++;
    if (call.mutation().equals(Mutation.VALID.name())) {
      long[] v = validByOperation.computeIfAbsent(call.operation(), k -> new long[2]);
      v[0]++;
      v[1] += answer.status() / 100 == 2 ? 1 : 0;
      if (answer.status() / 100 != 2) {
        validRefusals.computeIfAbsent(call.operation(), k -> new TreeMap<>()).merge(ErrorShape.code(answer), 1, Integer::sum);
      }
    }
    if (answer.status() / 100 == 2 && call.mustRefuse()) {
      file(accepted, call.operation() + " / " + call.mutation() + " / " + call.detail(), call, answer, "");
    }
    if (answer.status() >= 500) {
      String cause = exception.orElse(ErrorShape.code(answer));
      file(serverErrors, call.operation() + " / " + call.mutation() + " / " + answer.status() + " / " + cause, call, answer, cause);
    } else if (!answer.answered()) {
      file(noAnswers, call.operation() + " / " + call.mutation() + " / " + answer.failure(), call, answer, answer.failure());
    }
    if (answer.answered()) {
      ErrorShape.problem(call.api(), answer).ifPresent(p -> file(badShapes, call.api() + " / " + call.operation() + " / " + call.mutation() + " / " + answer.status() + " / " + p, call, answer, p));
    }
  }

  /** Counts one raw probe; every probe is listed with its answer. */
  void probe(RawProbes.Probe probe, Answer answer) {
    requests++;
    int column = column(answer);
    byApi.computeIfAbsent("raw", k -> new long[5])[column]++;
    byApi.get("raw")[4]++;
    byStatus.computeIfAbsent(answer.status(), k -> new long[APIS.size()])[APIS.indexOf("raw")]++;
    String shape = probe.name().startsWith("HEAD") ? "(no body to HEAD)"
        : ErrorShape.problem("runtime", answer).map(p -> "not the API's shape: " + p).orElse("API shape");
    probes.add(probe.name() + "\u0000" + (answer.answered() ? answer.status() : "-") + "\u0000" + shape + "\u0000" + (answer.answered() ? answer.excerpt(120) : answer.failure()));
    // 505 is the protocol's own refusal of a version it does not speak, not a failure.
    if (answer.status() >= 500 && answer.status() != 505) {
      HttpCall call = new HttpCall("raw", "probe", "RAW", probe.name(), "", "", List.of(), probe.bytes().length > 2000 ? new byte[0] : probe.bytes(), true);
      file(serverErrors, "probe / " + probe.name() + " / " + answer.status(), call, answer, ErrorShape.code(answer));
    }
  }

  /** Notes that the server died after a request, and was started again. */
  void died(long index, HttpCall call) {
    deaths.add("after request " + index + ": " + call.operation() + " / " + call.mutation() + " " + call.detail());
  }

  boolean failed() {
    return !serverErrors.isEmpty() || !noAnswers.isEmpty() || !deaths.isEmpty();
  }

  private static int column(Answer answer) {
    return !answer.answered() ? 3 : answer.status() >= 500 ? 2 : answer.status() >= 300 ? 1 : 0;
  }

  private static void file(Map<String, Fault> faults, String key, HttpCall call, Answer answer, String cause) {
    faults.computeIfAbsent(key, k -> new Fault(call, answer, cause)).count++;
  }

  void print(PrintStream out) {
    out.printf("%,d requests%n%n", requests);
    Table apis = new Table("API", "requests", "2xx", "3xx/4xx", "5xx", "no answer");
    for (String api : APIS) {
      long[] c = byApi.getOrDefault(api, new long[5]);
      apis.row(api, c[4], c[0], c[1], c[2], c[3]);
    }
    apis.print(out);
    out.println("(A 505 to a raw probe is the protocol's refusal of HTTP/0.9 or HTTP/3.0, from Jetty before any handler, and not counted as a fault.)");
    out.println();
    Table statuses = new Table("status", "control", "runtime", "events", "raw", "total");
    byStatus.forEach((status, c) -> statuses.row(status == 0 ? "no answer" : status.toString(), c[0], c[1], c[2], c[3], c[0] + c[1] + c[2] + c[3]));
    statuses.print(out);
    Table mutations = new Table("mutation", "requests", "2xx", "3xx/4xx", "5xx", "no answer");
    byMutation.forEach((m, c) -> mutations.row(m, c[4], c[0], c[1], c[2], c[3]));
    mutations.print(out);
    Table valid = new Table("operation", "valid requests", "answered 2xx", "other answers");
    validByOperation.forEach((op, c) -> valid.row(op, c[0], c[1], validRefusals.getOrDefault(op, Map.of())));
    out.println("Valid requests per operation (a 2xx shows the handler ran past validation):");
    out.println();
    valid.print(out);
    out.println("Raw HTTP probes:");
    out.println();
    Table raw = new Table("probe", "status", "shape", "answer (first 120 bytes)");
    for (String p : probes) {
      String[] cells = p.split("\u0000", 4);
      raw.row(cells[0], cells[1], cells[2], cells[3]);
    }
    raw.print(out);
    faults(out, "5xx answers", serverErrors);
    faults(out, "Requests without an answer", noAnswers);
    faults(out, "Answers not in the API's shape (JSON object; errors with __type, message, the protocol's Content-Type)", badShapes);
 faults(out, "Spoiled requests answered 2xx that the wire model says must be refused", accepted);
    out.println("Server deaths: " + (deaths.isEmpty() ? "none" : String.join("; ", deaths)));
    out.println();
  }

  private static void faults(PrintStream out, String title, Map<String, Fault> faults) {
    out.println(title + ": " + (faults.isEmpty() ? "none" : faults.size() + " kinds"));
    out.println();
    if (faults.isEmpty()) {
      return;
    }
    Table table = new Table("operation", "mutation", "status", "count", "cause", "example request", "answer (first 200 bytes)");
    faults.values().forEach(f -> table.row(f.call.operation(), f.call.mutation() + (f.call.detail().isEmpty() ? "" : ": " + f.call.detail()),
        f.answer.answered() ? f.answer.status() : "-", f.count, f.cause, f.call.method() + " " + f.call.path() + " " + f.call.bodyExcerpt(300), f.answer.excerpt(200)));
    table.print(out);
  }
}
