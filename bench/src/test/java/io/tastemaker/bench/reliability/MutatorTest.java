package io.tastemaker.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.WireModel;
import io.tastemaker.server.wire.WireValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MutatorTest {
  private static final WireModel MODEL = WireModel.load();
  private static final WireValidator VALIDATOR = new WireValidator(MODEL);
  /** Mutations the wire model alone judges, so that the server's own validator must refuse what they mark. */
  private static final Set<Mutation> MODEL_JUDGED = EnumSet.of(Mutation.MISSING_REQUIRED, Mutation.WRONG_TYPE, Mutation.LIST_SIZE, Mutation.HUGE_STRING, Mutation.NULL_MEMBER);

  private static String arn(String rest) {
    return "arn:aws:personalize:us-east-1:000000000000:" + rest;
  }

  static Fixture fixture() {
    return new Fixture(Path.of("/tmp/rb"), new SyntheticShop(30, 20), arn("dataset-group/g"), arn("schema/i"), arn("schema/it"), arn("schema/u"),
        arn("dataset/g/INTERACTIONS"), arn("dataset/g/ITEMS"), arn("dataset/g/USERS"), arn("dataset-import-job/j"), arn("solution/s"), arn("solution/s/v1"),
        arn("campaign/c"), arn("solution/r/v1"), arn("campaign/r"), arn("filter/f"), arn("event-tracker/t"), "tracking", arn("batch-inference-job/b"),
        "arn:aws:personalize:::algorithm/aws-hrnn", "arn:aws:personalize:::feature-transformation/JSON-percentile-filtering");
  }

  private static ArnPool pool(Fixture f) {
    ArnPool pool = new ArnPool();
    for (String a : List.of(f.group(), f.interactionsSchema(), f.interactions(), f.solution(), f.version(), f.campaign(), f.filter(), f.eventTracker(), f.batchJob(), f.importJob())) {
      pool.keep(a);
    }
    return pool;
  }

  private static List<OperationSpec> operations() {
    return MODEL.operations().stream().sorted(Comparator.comparing(OperationSpec::name)).toList();
  }

  @Test
  void valid_requests_of_every_operation_pass_the_servers_wire_validator() {
    Fixture f = fixture();
    RequestGenerator generator = new RequestGenerator(MODEL, f, pool(f));
    SplittableRandom random = new SplittableRandom(1);
    for (OperationSpec op : operations()) {
      for (int i = 0; i < 20; i++) {
        ObjectNode body = generator.valid(op, random);
        VALIDATOR.validate(op, body);
      }
    }
  }

  @Test
  void every_applicable_mutation_of_every_operation_makes_a_request() {
    Fixture f = fixture();
    ArnPool pool = pool(f);
    RequestGenerator generator = new RequestGenerator(MODEL, f, pool);
    Mutator mutator = new Mutator(generator, pool);
    SplittableRandom random = new SplittableRandom(2);
    List<String> made = new ArrayList<>();
    for (OperationSpec op : operations()) {
      for (Mutation m : mutator.applicable(op)) {
        for (int i = 0; i < 5; i++) {
          ObjectNode valid = generator.valid(op, random);
          HttpCall call;
          try {
            call = mutator.mutate(FuzzRun.base(op, valid), op, valid, m, random);
          } catch (RuntimeException e) {
            throw new AssertionError(op.name() + " " + m + " failed", e);
          }
          assertThat(call.mutation()).isEqualTo(m.name());
          made.add(op.name() + " " + m);
        }
      }
    }
    assertThat(made).hasSizeGreaterThan(operations().size() * 5);
  }

  @Test
  void member_mutations_marked_as_refused_break_the_wire_model() {
    Fixture f = fixture();
    ArnPool pool = pool(f);
    RequestGenerator generator = new RequestGenerator(MODEL, f, pool);
    Mutator mutator = new Mutator(generator, pool);
    SplittableRandom random = new SplittableRandom(3);
    int checked = 0;
    for (OperationSpec op : operations()) {
      for (Mutation m : mutator.applicable(op)) {
        if (!MODEL_JUDGED.contains(m)) {
          continue;
        }
        for (int i = 0; i < 5; i++) {
          ObjectNode valid = generator.valid(op, random);
          HttpCall call = mutator.mutate(FuzzRun.base(op, valid), op, valid, m, random);
          JsonNode body = parse(call.body());
          if (call.mustRefuse()) {
            assertThat(catchThrowable(() -> VALIDATOR.validate(op, body))).as("%s %s %s", op.name(), m, call.detail()).isInstanceOf(ApiException.class);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(250);
  }

  @Test
  void a_number_past_long_stays_a_number_token_in_the_body() {
    Fixture f = fixture();
    ArnPool pool = pool(f);
    RequestGenerator generator = new RequestGenerator(MODEL, f, pool);
    Mutator mutator = new Mutator(generator, pool);
    OperationSpec op = MODEL.route("POST", "/recommendations").orElseThrow();
    SplittableRandom random = new SplittableRandom(4);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ObjectNode valid = generator.valid(op, random);
      bodies.add(new String(mutator.mutate(FuzzRun.base(op, valid), op, valid, Mutation.NUMBER_LIMITS, random).body(), StandardCharsets.UTF_8));
    }
    assertThat(bodies).anyMatch(b -> b.contains("\"numResults\":9223372036854775808")).anyMatch(b -> b.contains("\"numResults\":1e400"));
  }

  private static JsonNode parse(byte[] body) {
    try {
      return Json.parse(new String(body, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
