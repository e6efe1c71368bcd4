package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.WireModel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code bench reliability fuzz}: seeded requests over all three APIs, signed with SigV4, against a
 * prepared dataset group; valid ones for every operation of the wire model and mutated ones, after
 * the raw HTTP probes. Fails when any answer is a 5xx, any well-formed request goes unanswered, or the
 * server dies.
 */
final class FuzzRun {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /**
   * Whose turn each request is: three in five go to the control plane's 41 operations, one to the
   * runtime's two and one to the events API's three, so that the small public APIs get their share.
   */
  private static final List<String> SERVICE_TURNS = List.of("control", "runtime", "control", "events", "control");
  /** The share of requests sent valid, in percent. */
  private static final int VALID_PERCENT = 20;

  private FuzzRun() {}

  /** Runs {@code requests} requests (probes included) with {@code seed}; returns whether no fault was found. */
  static boolean run(Harness harness, int requests, long seed, PrintStream out) throws Exception {
    long started = System.nanoTime();
    ServerJvm server = harness.start();
    Fixture fixture;
    try (Clients clients = harness.clients()) {
      fixture = Fixture.create(clients.control(), harness.dir().resolve("files"), "rb-fixture", new SyntheticShop(300, 120), 6_000, seed);
    }
    double setup = (System.nanoTime() - started) / 1e9;
    int logStart = harness.log().lineCount();
    ArnPool pool = pool(fixture);
    WireModel model = WireModel.load();
    Map<String, List<OperationSpec>> byService = model.operations().stream().sorted(Comparator.comparing(OperationSpec::name))
        .collect(Collectors.groupingBy(OperationSpec::service, TreeMap::new, Collectors.toList()));
    RequestGenerator generator = new RequestGenerator(model, fixture, pool);
    Mutator mutator = new Mutator(generator, pool);
    FuzzReport report = new FuzzReport();
    SplittableRandom random = new SplittableRandom(seed);

    RawHttp http = new RawHttp("127.0.0.1", server.port(), TIMEOUT);
    List<RawProbes.Probe> probes = RawProbes.all(http.authority(), harness.key(), fixture.campaign());
    for (RawProbes.Probe probe : probes) {
      report.probe(probe, http.exchange(probe.bytes(), probe.halfClose()));
    }
    SigV4Signer signer = new SigV4Signer(harness.key(), http.authority(), Clock.systemUTC());
    for (long i = 0; i < requests - probes.size(); i++) {
      List<OperationSpec> operations = byService.get(SERVICE_TURNS.get((int) (i % SERVICE_TURNS.size())));
      OperationSpec op = operations.get((int) (i / SERVICE_TURNS.size() % operations.size()));
      ObjectNode valid = generator.valid(op, random);
      HttpCall base = base(op, valid);
      Mutation mutation = random.nextInt(100) < VALID_PERCENT ? Mutation.VALID : pick(mutator.applicable(op), random);
      HttpCall call = mutator.mutate(base, op, valid, mutation, random);
      Answer answer = http.exchange(RawHttp.encode(call.method(), call.path(), signer.sign(call), call.body()), false);
      Optional<String> exception = answer.status() >= 500 ? answer.header("x-amzn-requestid").flatMap(id -> harness.log().exceptionOf(id)) : Optional.empty();
      report.record(call, answer, exception);
      if (answer.status() == 200 && op.name().startsWith("Create")) {
        remember(pool, answer);
      }
      if (answer.status() == 200 && op.name().startsWith("Delete")) {
        forget(pool, call);
      }
      if (!server.isAlive()) {
        report.died(i, call);
        server = harness.start();
        http = new RawHttp("127.0.0.1", server.port(), TIMEOUT);
        signer = new SigV4Signer(harness.key(), http.authority(), Clock.systemUTC());
      }
      if ((i + 1) % 1000 == 0) {
        System.err.printf("  fuzz: %,d of %,d requests%n", i + 1 + probes.size(), requests);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9 - setup;
    boolean serving = stillServes(harness, fixture);
    out.printf("## Fuzz: %,d requests, seed %d, server %s (pid %d) with --credentials, %.0f s (setup %.0f s)%n%n", requests, seed, server.endpoint(), server.pid(), seconds, setup);
    report.print(out);
    List<String> errors = harness.log().errors(logStart);
    out.println("ERROR lines in the server log during the run: " + errors.size());
    errors.stream().limit(20).forEach(e -> out.println("    " + (e.length() > 300 ? e.substring(0, 300) + "..." : e)));
    out.println();
    out.println("After the run the fixture campaign " + (serving ? "still answers GetRecommendations through the SDK." : "DOES NOT answer GetRecommendations."));
    out.println();
    return !report.failed() && serving;
  }

  private static ArnPool pool(Fixture f) {
    ArnPool pool = new ArnPool();
    for (String arn : List.of(f.group(), f.interactionsSchema(), f.itemsSchema(), f.usersSchema(), f.interactions(), f.items(), f.users(), f.importJob(), f.solution(),
        f.version(), f.campaign(), f.rankingVersion(), f.rankingCampaign(), f.filter(), f.eventTracker(), f.batchJob())) {
      pool.keep(arn);
    }
    return pool;
  }

  /** The valid request as it goes on the wire: the protocol's content type, and the target header for the control plane. */
  static HttpCall base(OperationSpec op, JsonNode body) {
    List<HttpCall.Header> headers = new ArrayList<>();
    headers.add(new HttpCall.Header("Content-Type", op.protocol().contentType()));
    if (op.service().equals("control")) {
      headers.add(new HttpCall.Header("X-Amz-Target", "AmazonPersonalize." + op.name()));
    }
    return new HttpCall(op.service(), op.name(), Mutation.VALID.name(), "", op.method(), op.path(), headers, Json.bytes(body), false);
  }

  /** Adds the ARNs a successful Create answered with, so later requests can name (and delete) them. */
  private static void remember(ArnPool pool, Answer answer) {
    try {
      JsonNode json = Json.parse(new String(answer.body(), StandardCharsets.UTF_8));
      for (Map.Entry<String, JsonNode> field : json.properties()) {
        if (field.getKey().endsWith("Arn") && field.getValue().isTextual()) {
          pool.add(field.getValue().asText());
        }
      }
    } catch (Exception e) {
      // Not JSON: the report lists it; nothing to remember.
    }
  }

  /** Removes the ARN a successful Delete named. */
  private static void forget(ArnPool pool, HttpCall call) {
    try {
      for (Map.Entry<String, JsonNode> field : Json.parse(new String(call.body(), StandardCharsets.UTF_8)).properties()) {
        if (field.getKey().endsWith("Arn") && field.getValue().isTextual()) {
          pool.remove(field.getValue().asText());
        }
      }
    } catch (Exception e) {
      // A mutated body: nothing to forget.
    }
  }

  private static boolean stillServes(Harness harness, Fixture fixture) {
    try (Clients clients = harness.clients()) {
      return !clients.runtime().getRecommendations(r -> r.campaignArn(fixture.campaign()).userId("u1").numResults(5)).itemList().isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static <T> T pick(List<T> list, SplittableRandom random) {
    return list.get(random.nextInt(list.size()));
  }
}
