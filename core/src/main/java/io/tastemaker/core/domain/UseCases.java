package io.tastemaker.core.domain;

import static io.tastemaker.core.domain.Requirement.FOR_FILTERS;
import static io.tastemaker.core.domain.Requirement.NOT_USED;
import static io.tastemaker.core.domain.Requirement.REQUIRED;
import static io.tastemaker.core.recipe.RecipeType.RELATED_ITEMS;
import static io.tastemaker.core.recipe.RecipeType.USER_PERSONALIZATION;

import io.tastemaker.core.cooccurrence.BasketTrainer;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.schema.DatasetType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every use case of the two domains, in one table: the request members, event types and datasets
 * from the developer guide's "ECOMMERCE use cases" and "VIDEO_ON_DEMAND use cases" pages
 * ({@code docs.aws.amazon.com/personalize/latest/dg/ECOMMERCE-use-cases.html},
 * {@code .../VIDEO_ON_DEMAND-use-cases.html}), and the recipe family Tastemaker trains for each.
 *
 * <p>The personalised use cases ("Recommended for you", "Top picks for you") are backed by
 * aws-user-personalization, {@link #PERSONALIZED}, as Personalize backs them with User-Personalization.
 */
public final class UseCases {
  /** Events of the required type every use case needs, besides the minimum data of every recipe. */
  public static final int MIN_EVENTS = 1000;

  /**
   * The family behind "Recommended for you" and "Top picks for you": aws-user-personalization, which
   * learns cold items from their metadata when the data has enough of them and otherwise trains as
   * aws-hrnn-metadata.
   */
  public static final Recipe PERSONALIZED = recipe(RecipeCatalog.USER_PERSONALIZATION);

  private static final String ECOMMERCE_PAGE = "docs.aws.amazon.com/personalize/latest/dg/ECOMMERCE-use-cases.html";
  private static final String VOD_PAGE = "docs.aws.amazon.com/personalize/latest/dg/VIDEO_ON_DEMAND-use-cases.html";
  private static final Set<DatasetType> INTERACTIONS_ONLY = Set.of();
  private static final Set<DatasetType> ITEMS_TOO = Set.of(DatasetType.ITEMS);

  private static final List<UseCase> ALL =
      List.of(
          new UseCase(
              "aws-ecomm-popular-items-by-views", Domain.ECOMMERCE, "Most viewed",
              "Popular items, by how many times your customers viewed them.",
              USER_PERSONALIZATION, recipe(RecipeCatalog.POPULARITY_COUNT), Map.of(), Set.of("View"), Optional.of("View"), Set.of(),
              REQUIRED, NOT_USED, INTERACTIONS_ONLY, false, ECOMMERCE_PAGE + "#most-viewed-use-case"),
          new UseCase(
              "aws-ecomm-popular-items-by-purchases", Domain.ECOMMERCE, "Best sellers",
              "Popular items, by how many times your customers purchased them.",
              USER_PERSONALIZATION, recipe(RecipeCatalog.POPULARITY_COUNT), Map.of(), Set.of("Purchase"), Optional.of("Purchase"), Set.of(),
              REQUIRED, NOT_USED, INTERACTIONS_ONLY, false, ECOMMERCE_PAGE + "#best-sellers-use-case"),
          new UseCase(
              "aws-ecomm-frequently-bought-together", Domain.ECOMMERCE, "Frequently bought together",
              "Items customers frequently buy together with an item you specify.",
              RELATED_ITEMS, BasketTrainer.FAMILY, Map.of(), Set.of("Purchase"), Optional.of("Purchase"), Set.of(),
              FOR_FILTERS, REQUIRED, INTERACTIONS_ONLY, false, ECOMMERCE_PAGE + "#frequently-bought-together-use-case"),
          new UseCase(
              "aws-ecomm-customers-who-viewed-x-also-viewed", Domain.ECOMMERCE, "Customers who viewed X also viewed",
              "Items customers also viewed, based on an item you specify; items the user purchased are left out.",
              RELATED_ITEMS, recipe(RecipeCatalog.SIMS), Map.of(), Set.of("View"), Optional.of("View"), Set.of("Purchase"),
              REQUIRED, REQUIRED, INTERACTIONS_ONLY, false, ECOMMERCE_PAGE + "#customers-also-viewed-use-case"),
          new UseCase(
              "aws-ecomm-recommended-for-you", Domain.ECOMMERCE, "Recommended for you",
              "Personalized recommendations for a user; items the user purchased are left out.",
              USER_PERSONALIZATION, PERSONALIZED, Map.of(), Set.of(), Optional.of("View"), Set.of("Purchase"),
              REQUIRED, NOT_USED, INTERACTIONS_ONLY, true, ECOMMERCE_PAGE + "#recommended-for-you-use-case"),
          new UseCase(
              "aws-vod-because-you-watched-x", Domain.VIDEO_ON_DEMAND, "Because you watched X",
              "Videos other users also watched, based on a video you specify; videos the user watched are left out.",
              RELATED_ITEMS, recipe(RecipeCatalog.SIMS), Map.of(), Set.of("Watch"), Optional.of("Watch"), Set.of("Watch"),
              REQUIRED, REQUIRED, INTERACTIONS_ONLY, false, VOD_PAGE + "#because-you-watched-use-case"),
          new UseCase(
              "aws-vod-more-like-x", Domain.VIDEO_ON_DEMAND, "More like X",
              "Videos similar to a video you specify, by who watched them and by their genres and other metadata; videos the user watched are left out.",
              RELATED_ITEMS, recipe(RecipeCatalog.SIMILAR_ITEMS), Map.of(), Set.of("Watch", "Click"), Optional.of("Watch"), Set.of("Watch"),
              REQUIRED, REQUIRED, ITEMS_TOO, false, VOD_PAGE + "#more-like-y-use-case"),
          new UseCase(
              "aws-vod-most-popular", Domain.VIDEO_ON_DEMAND, "Most popular",
              "Videos watched by the most users.",
              USER_PERSONALIZATION, recipe(RecipeCatalog.POPULARITY_COUNT), Map.of(), Set.of("Watch"), Optional.of("Watch"), Set.of(),
              REQUIRED, NOT_USED, INTERACTIONS_ONLY, false, VOD_PAGE + "#hot-picks-use-case"),
          new UseCase(
              "aws-vod-trending-now", Domain.VIDEO_ON_DEMAND, "Trending now",
              "Videos that have rapidly become popular with your users.",
              USER_PERSONALIZATION, recipe(RecipeCatalog.TRENDING_NOW), Map.of(), Set.of("Watch", "Click"), Optional.empty(), Set.of(),
              FOR_FILTERS, NOT_USED, INTERACTIONS_ONLY, false, VOD_PAGE + "#trending-now-use-case"),
          new UseCase(
              "aws-vod-top-picks", Domain.VIDEO_ON_DEMAND, "Top picks for you",
              "Personalized content recommendations for a user; videos the user watched are left out.",
              USER_PERSONALIZATION, PERSONALIZED, Map.of(), Set.of("Watch", "Click"), Optional.of("Watch"), Set.of("Watch"),
              REQUIRED, NOT_USED, INTERACTIONS_ONLY, true, VOD_PAGE + "#top-picks-use-case"));

  private UseCases() {}

  private static Recipe recipe(String name) {
    return RecipeCatalog.byName(name).orElseThrow(() -> new IllegalStateException("no recipe " + name));
  }

  /** Every use case, sorted by name as ListRecipes returns them. */
  public static List<UseCase> all() {
    return ALL.stream().sorted(Comparator.comparing(UseCase::name)).toList();
  }

  /** The use cases of one domain, sorted by name. */
  public static List<UseCase> of(Domain domain) {
    return all().stream().filter(u -> u.domain() == domain).toList();
  }

  public static Optional<UseCase> byName(String name) {
    return ALL.stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /** The use case a recipe ARN names. */
  public static Optional<UseCase> byArn(String recipeArn) {
    return ALL.stream().filter(u -> u.arn().equals(recipeArn)).findFirst();
  }
}
