package io.tastemaker.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.Shape;
import io.tastemaker.server.wire.WireModel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Valid requests for every operation of the wire model, aimed at a {@link Fixture} so that the
 * handlers get past validation: required members always, a few harmless optional ones at random,
 * values that mean something (existing ARNs, known users and items, data files that import).
 */
final class RequestGenerator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Optional members a valid request may carry without changing what it asks for. */
  private static final Set<String> SAFE_OPTIONAL = Set.of(
      "numResults", "maxResults", "importMode", "tags", "eventId", "minProvisionedTPS", "datasetGroupArn", "datasetArn", "solutionArn", "solutionVersionArn");
  private static final List<String> FILTER_EXPRESSIONS = List.of(
      "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"buy\")",
      "INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)",
      "EXCLUDE ItemID WHERE Items.GENRES IN (\"Horror\") | INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP > 0");

  private final WireModel model;
  private final Fixture fixture;
  private final ArnPool pool;
  private long counter;

  RequestGenerator(WireModel model, Fixture fixture, ArnPool pool) {
    this.model = model;
    this.fixture = fixture;
    this.pool = pool;
  }

  /** The shape a member of a request names, in the operation's service. */
  Shape shape(OperationSpec op, String shapeName) {
    return model.shape(op.service(), shapeName);
  }

  /** A valid request body for the operation. */
  ObjectNode valid(OperationSpec op, SplittableRandom random) {
    ObjectNode body = structure(op, shape(op, op.inputShape()), random, false);
    switch (op.name()) {
      case "CreateDataset" -> {
        int t = random.nextInt(3);
        body.put("datasetType", List.of("Interactions", "Items", "Users").get(t));
        body.put("schemaArn", List.of(fixture.interactionsSchema(), fixture.itemsSchema(), fixture.usersSchema()).get(t));
      }
      case "CreateDatasetImportJob" -> {
        String dataset = pool.pick("dataset", random, false).orElse(fixture.interactions());
        String csv = dataset.endsWith("/ITEMS") ? "items.csv" : dataset.endsWith("/USERS") ? "users.csv" : "interactions.csv";
        body.put("datasetArn", dataset);
        body.putObject("dataSource").put("dataLocation", fixture.files().resolve(csv).toUri().toString());
      }
      case "GetRecommendations" -> {
        body.put("campaignArn", fixture.campaign());
        body.put("userId", user(random));
        if (random.nextInt(4) == 0) {
          body.put("filterArn", fixture.filter());
        }
      }
      case "CreateSolution" -> {
        JsonNode recipe = special(op, "recipeArn", random).orElseThrow();
        body.set("recipeArn", recipe);
        if (recipe.asText().equals(Fixture.HRNN) || recipe.asText().equals(Fixture.RANKING)) {
          body.set("solutionConfig", special(op, "solutionConfig", random).orElseThrow());
        } else {
          body.remove("solutionConfig");
        }
      }
      case "GetPersonalizedRanking" -> body.put("campaignArn", fixture.rankingCampaign());
      case "PutItems" -> body.put("datasetArn", fixture.items());
      case "PutUsers" -> body.put("datasetArn", fixture.users());
      case "UpdateCampaign" -> body.remove("solutionVersionArn");
      default -> {
        // The member values are all it takes.
      }
    }
    return body;
  }

  /** A structure's members: required ones, and safe optional ones at random (all optional ones when {@code full}). */
  ObjectNode structure(OperationSpec op, Shape shape, SplittableRandom random, boolean full) {
    ObjectNode node = Json.object();
    for (String member : new TreeSet<>(shape.members().keySet())) {
      boolean required = shape.required().contains(member);
      if (required || (full && random.nextBoolean()) || (SAFE_OPTIONAL.contains(member) && random.nextBoolean())) {
        Shape.Member m = shape.members().get(member);
        node.set(member, value(op, member, shape(op, m.target()), random, full));
      }
    }
    return node;
  }

  /** A value for a member: one with meaning where the member needs it, a plain valid one otherwise. */
  JsonNode value(OperationSpec op, String member, Shape shape, SplittableRandom random, boolean full) {
    return special(op, member, random).orElseGet(() -> plain(op, member, shape, random, full));
  }

  private Optional<JsonNode> special(OperationSpec op, String member, SplittableRandom random) {
    JsonNode value = switch (member) {
      case "name", "jobName" -> NODES.textNode(uniqueName(random));
      case "schema" -> NODES.textNode(List.of(SyntheticShop.INTERACTIONS_SCHEMA, SyntheticShop.ITEMS_SCHEMA, SyntheticShop.USERS_SCHEMA).get(random.nextInt(3)));
      case "recipeArn" -> NODES.textNode(List.of(Fixture.HRNN, Fixture.RANKING, "arn:aws:personalize:::recipe/aws-sims", "arn:aws:personalize:::recipe/aws-popularity-count").get(random.nextInt(4)));
      case "algorithmArn" -> NODES.textNode(fixture.algorithm());
      case "featureTransformationArn" -> NODES.textNode(fixture.featureTransformation());
      case "solutionConfig" -> {
        ObjectNode config = Json.object();
        ObjectNode knobs = config.putObject("algorithmHyperParameters");
        Fixture.QUICK.forEach(knobs::put);
        yield config;
      }
      case "jobInput" -> {
        ObjectNode input = Json.object();
        input.putObject("s3DataSource").put("path", fixture.files().resolve("batch-users.json").toString());
        yield input;
      }
      case "jobOutput" -> {
        ObjectNode output = Json.object();
        output.putObject("s3DataDestination").put("path", fixture.files().resolve("fuzz-out").resolve("job-" + counter++).toString());
        yield output;
      }
      case "roleArn" -> NODES.textNode(Fixture.ROLE);
      case "filterExpression" -> NODES.textNode(FILTER_EXPRESSIONS.get(random.nextInt(FILTER_EXPRESSIONS.size())));
      case "tags" -> {
        ArrayNode tags = NODES.arrayNode();
        tags.addObject().put("tagKey", "team").put("tagValue", "reliability");
        yield tags;
      }
      case "tagKeys" -> NODES.arrayNode().add("team");
      case "resourceArn" -> NODES.textNode(pool.taggable(random));
      case "solutionVersionArn" -> NODES.textNode(random.nextBoolean() ? fixture.version() : fixture.rankingVersion());
      case "userId" -> NODES.textNode(user(random));
      case "itemId" -> NODES.textNode(item(random));
      case "inputList" -> {
        ArrayNode items = NODES.arrayNode();
        for (int i = 1 + random.nextInt(20); i > 0; i--) {
          items.add(item(random));
        }
        yield items;
      }
      case "numResults" -> NODES.numberNode(1 + random.nextInt(50));
      case "maxResults" -> NODES.numberNode(1 + random.nextInt(100));
      case "minProvisionedTPS" -> NODES.numberNode(1 + random.nextInt(3));
      case "trackingId" -> NODES.textNode(fixture.trackingId());
      case "sessionId" -> NODES.textNode("s" + random.nextInt(1000));
      case "eventId" -> NODES.textNode("fuzz-" + counter++);
      case "eventList" -> events(random);
      case "items" -> records(random, true);
      case "users" -> records(random, false);
      default -> null;
    };
    if (value == null) {
      value = ArnPool.kindOfMember(member).map(kind -> NODES.textNode(arnOf(op, kind, random))).orElse(null);
    }
    return Optional.ofNullable(value);
  }

  /** A known ARN of the kind; for a Delete or Stop operation one the run created, or one that does not exist. */
  private String arnOf(OperationSpec op, String kind, SplittableRandom random) {
    boolean destructive = op.name().startsWith("Delete") || op.name().startsWith("Stop");
    return pool.pick(kind, random, destructive)
        .orElse("arn:aws:personalize:" + Clients.REGION.id() + ":000000000000:" + kind + "/rb-missing-" + random.nextInt(1000));
  }

  private JsonNode plain(OperationSpec op, String member, Shape shape, SplittableRandom random, boolean full) {
    switch (shape.type()) {
      case "structure":
        return structure(op, shape, random, full);
      case "list": {
        ArrayNode list = NODES.arrayNode();
        list.add(value(op, member, shape(op, shape.element().orElseThrow()), random, full));
        return list;
      }
      case "map": {
        ObjectNode map = Json.object();
        String key = shape.key().map(k -> plain(op, member, shape(op, k), random, full).asText()).orElse("k");
        map.set(key, value(op, member, shape(op, shape.element().orElseThrow()), random, full));
        return map;
      }
      case "boolean":
        return NODES.booleanNode(false);
      case "integer", "long":
        return NODES.numberNode((long) Math.max(shape.min().orElse(1), Math.min(shape.max().orElse(10), 1 + random.nextInt(10))));
      case "float", "double":
        return NODES.numberNode(Math.max(shape.min().orElse(0), Math.min(shape.max().orElse(1), random.nextDouble())));
      case "timestamp":
        return NODES.numberNode(SyntheticShop.START + random.nextInt(1_000_000));
      default:
        return NODES.textNode(plainString(member, shape, random));
    }
  }

  private String plainString(String member, Shape shape, SplittableRandom random) {
    if (!shape.allowed().isEmpty()) {
      return shape.allowed().get(random.nextInt(shape.allowed().size()));
    }
    return switch (shape.name()) {
      case "Arn" -> pool.any(random);
      case "RoleArn" -> Fixture.ROLE;
      case "KmsKeyArn" -> "arn:aws:kms:us-east-1:000000000000:key/reliability";
      case "S3Location" -> fixture.files().resolve("interactions.csv").toString();
      case "SchedulingExpression" -> "rate(7 days)";
      case "AvroSchema" -> SyntheticShop.INTERACTIONS_SCHEMA;
      case "EventPropertiesJSON", "ItemProperties", "UserProperties" -> "{}";
      default -> member.endsWith("Name") || shape.name().contains("Name") ? "GENRES" : "v" + random.nextInt(1000);
    };
  }

  private ArrayNode events(SplittableRandom random) {
    ArrayNode list = NODES.arrayNode();
    for (int e = 1 + random.nextInt(10); e > 0; e--) {
      list.addObject().put("eventId", "fuzz-" + counter++).put("eventType", random.nextBoolean() ? "click" : "buy").put("itemId", item(random))
          .put("sentAt", SyntheticShop.START + 10_000_000 + random.nextInt(1_000_000));
    }
    return list;
  }

  private ArrayNode records(SplittableRandom random, boolean items) {
    ArrayNode list = NODES.arrayNode();
    for (int r = 1 + random.nextInt(10); r > 0; r--) {
      if (items) {
        list.addObject().put("itemId", item(random)).put("properties", "{\"genres\": \"Action|Drama\", \"creationTimestamp\": " + SyntheticShop.START + "}");
      } else {
        list.addObject().put("userId", user(random)).put("properties", "{\"age\": " + (18 + random.nextInt(60)) + ", \"gender\": \"F\"}");
      }
    }
    return list;
  }

  /** The hyperparameter names of every recipe, for mutations that push them to their limits. */
  static List<String> hyperparameterNames() {
    return RecipeCatalog.all().stream().flatMap(r -> r.parameters().stream()).map(p -> p.name()).distinct().sorted().toList();
  }

  private String uniqueName(SplittableRandom random) {
    return "rb" + counter++ + "-" + Integer.toString(random.nextInt(1 << 20), 36);
  }

  private String user(SplittableRandom random) {
    return "u" + random.nextInt(fixture.shop().users);
  }

  private String item(SplittableRandom random) {
    return "i" + random.nextInt(fixture.shop().items);
  }
}
