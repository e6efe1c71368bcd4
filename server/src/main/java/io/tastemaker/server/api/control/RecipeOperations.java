package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.ListPages;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import io.tastemaker.core.domain.Domain;
import io.tastemaker.core.domain.UseCase;
import io.tastemaker.core.domain.UseCases;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** ListRecipes, DescribeRecipe, DescribeAlgorithm and DescribeFeatureTransformation. */
public final class RecipeOperations {
  /** The day the legacy recipes were published; they have not changed since. */
  private static final BigDecimal PUBLISHED = Json.epochSeconds(Instant.parse("2019-06-10T00:00:00Z"));

  public void register(OperationRegistry registry) {
    registry.register("ListRecipes", this::list);
    registry.register("DescribeRecipe", input -> wrap("recipe", describeRecipe(input.text("recipeArn"))));
    registry.register(
        "DescribeAlgorithm", input -> wrap("algorithm", algorithmView(find(input.text("algorithmArn"), Arns::algorithm, Recipe::algorithmName))));
    registry.register("DescribeFeatureTransformation", this::describeFeatureTransformation);
  }

  private static Recipe find(String arn, Function<String, String> arnOf, Function<Recipe, String> nameOf) {
    return RecipeCatalog.all().stream()
        .filter(r -> arnOf.apply(nameOf.apply(r)).equals(arn))
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("Resource " + arn + " does not exist."));
  }

  /** A ListRecipes entry: a custom recipe, or a domain's use case (which carries its domain). */
  private record Listed(String name, Optional<Domain> domain) {}

  /** Every recipe by name, custom and domain alike ("if you don't specify a domain, all recipes are returned"), or one domain's use cases. */
  private static List<Listed> listed(Optional<Domain> domain) {
    List<Listed> all = new ArrayList<>();
    if (domain.isEmpty()) {
      RecipeCatalog.all().forEach(r -> all.add(new Listed(r.name(), Optional.empty())));
    }
    UseCases.all().stream().filter(u -> domain.isEmpty() || u.domain() == domain.get()).forEach(u -> all.add(new Listed(u.name(), Optional.of(u.domain()))));
    all.sort(Comparator.comparing(Listed::name));
    return all;
  }

  private JsonNode list(Input input) {
    List<Listed> recipes = listed(input.optionalText("domain").map(d -> Domain.of(d).orElseThrow(() -> ApiException.invalidInput("domain must be ECOMMERCE or VIDEO_ON_DEMAND, got " + d))));
    int start = 0;
    if (input.has("nextToken")) {
      start = decodeToken(input.text("nextToken"), recipes.size());
    }
    int limit = input.optionalInt("maxResults").orElse(ListPages.DEFAULT_PAGE_SIZE);
    int end = Math.min(recipes.size(), start + limit);
    ObjectNode answer = Json.object();
    ArrayNode items = answer.putArray("recipes");
    for (Listed r : recipes.subList(start, end)) {
      ObjectNode summary = Json.object();
      summary.put("name", r.name());
      summary.put("recipeArn", Arns.recipe(r.name()));
      summary.put("status", Status.ACTIVE);
      summary.put("creationDateTime", PUBLISHED);
      summary.put("lastUpdatedDateTime", PUBLISHED);
      r.domain().ifPresent(d -> summary.put("domain", d.name()));
      items.add(summary);
    }
    if (end < recipes.size()) {
      answer.put("nextToken", "recipes:" + end);
    }
    return answer;
  }

  private static int decodeToken(String token, int size) {
    try {
      if (token.startsWith("recipes:")) {
        int start = Integer.parseInt(token.substring("recipes:".length()));
        if (start >= 0 && start <= size) {
          return start;
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new ApiException(ErrorType.INVALID_NEXT_TOKEN, "The nextToken is not valid for this list request.");
  }

  /** A custom recipe as it is, or a domain use case described as the recipe family behind it. */
  private static ObjectNode describeRecipe(String arn) {
    Optional<UseCase> useCase = UseCases.byArn(arn);
    if (useCase.isEmpty()) {
      return recipeView(find(arn, Arns::recipe, Recipe::name));
    }
    UseCase u = useCase.get();
    ObjectNode view = recipeView(u.backing());
    view.put("name", u.name());
    view.put("recipeArn", u.arn());
    view.put("description", u.title() + ": " + u.description());
    view.put("recipeType", u.type().name());
    return view;
  }

  private static ObjectNode recipeView(Recipe r) {
    ObjectNode view = Json.object();
    view.put("name", r.name());
    view.put("recipeArn", Arns.recipe(r.name()));
    view.put("algorithmArn", Arns.algorithm(r.algorithmName()));
    view.put("featureTransformationArn", Arns.featureTransformation(r.featureTransformationName()));
    view.put("status", Status.ACTIVE);
    view.put("description", r.description());
    view.put("creationDateTime", PUBLISHED);
    view.put("recipeType", r.type().name());
    view.put("lastUpdatedDateTime", PUBLISHED);
    return view;
  }

  private static ObjectNode algorithmView(Recipe r) {
    ObjectNode view = Json.object();
    view.put("name", r.algorithmName());
    view.put("algorithmArn", Arns.algorithm(r.algorithmName()));
    ObjectNode image = view.putObject("algorithmImage");
    image.put("name", r.algorithmName());
    image.put("dockerURI", "builtin://tastemaker/" + r.algorithmName());
    ObjectNode defaults = view.putObject("defaultHyperParameters");
    r.defaults(HyperParameter.Stage.ALGORITHM).forEach(defaults::put);
    ObjectNode ranges = view.putObject("defaultHyperParameterRanges");
    ArrayNode integers = ranges.putArray("integerHyperParameterRanges");
    ArrayNode continuous = ranges.putArray("continuousHyperParameterRanges");
    ArrayNode categorical = ranges.putArray("categoricalHyperParameterRanges");
    for (HyperParameter p : r.parameters()) {
      if (p.stage() != HyperParameter.Stage.ALGORITHM) {
        continue;
      }
      ObjectNode range = Json.object();
      range.put("name", p.name());
      switch (p.kind()) {
        case INTEGER -> {
          range.put("minValue", (int) p.min());
          range.put("maxValue", (int) p.max());
          integers.add(range);
        }
        case CONTINUOUS -> {
          range.put("minValue", p.min());
          range.put("maxValue", p.max());
          continuous.add(range);
        }
        case CATEGORICAL -> {
          range.set("values", Json.array(p.values()));
          categorical.add(range);
        }
      }
      range.put("isTunable", p.tunable());
    }
    view.putObject("defaultResourceConfig");
    view.put("trainingInputMode", "File");
    view.put("creationDateTime", PUBLISHED);
    view.put("lastUpdatedDateTime", PUBLISHED);
    return view;
  }

  private JsonNode describeFeatureTransformation(Input input) {
    String arn = input.text("featureTransformationArn");
    Optional<Recipe> recipe =
        RecipeCatalog.all().stream()
            .filter(r -> Arns.featureTransformation(r.featureTransformationName()).equals(arn))
            .max(Comparator.comparingInt(r -> r.defaults(HyperParameter.Stage.FEATURE_TRANSFORMATION).size()));
    Recipe r = recipe.orElseThrow(() -> ApiException.notFound("Resource " + arn + " does not exist."));
    ObjectNode view = Json.object();
    view.put("name", r.featureTransformationName());
    view.put("featureTransformationArn", arn);
    ObjectNode defaults = view.putObject("defaultParameters");
    r.defaults(HyperParameter.Stage.FEATURE_TRANSFORMATION).forEach(defaults::put);
    view.put("creationDateTime", PUBLISHED);
    view.put("lastUpdatedDateTime", PUBLISHED);
    view.put("status", Status.ACTIVE);
    return wrap("featureTransformation", view);
  }

  private static JsonNode wrap(String key, ObjectNode view) {
    ObjectNode answer = Json.object();
    answer.set(key, view);
    return answer;
  }
}
