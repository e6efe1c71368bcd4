package io.tastemaker.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.RecipeRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UseCasesTest {
  @Test
  void each_domain_lists_the_guides_use_cases_by_name() {
    assertThat(UseCases.of(Domain.ECOMMERCE)).extracting(UseCase::name).containsExactly(
        "aws-ecomm-customers-who-viewed-x-also-viewed", "aws-ecomm-frequently-bought-together", "aws-ecomm-popular-items-by-purchases",
        "aws-ecomm-popular-items-by-views", "aws-ecomm-recommended-for-you");
    assertThat(UseCases.of(Domain.VIDEO_ON_DEMAND)).extracting(UseCase::name).containsExactly(
        "aws-vod-because-you-watched-x", "aws-vod-more-like-x", "aws-vod-most-popular", "aws-vod-top-picks", "aws-vod-trending-now");
    assertThat(UseCases.byArn("arn:aws:personalize:::recipe/aws-vod-top-picks")).map(UseCase::title).contains("Top picks for you");
    assertThat(UseCases.byArn("arn:aws:personalize:::recipe/aws-hrnn")).isEmpty();
  }

  @Test
  void every_use_case_is_trained_by_a_family_this_build_can_train() {
    RecipeRegistry registry = RecipeRegistry.standard();
    for (UseCase u : UseCases.all()) {
      assertThat(registry.trainer(u.backing().name())).as(u.name()).isPresent();
      assertThat(u.resolvedHyperparameters().keySet()).as(u.name())
          .containsExactlyInAnyOrderElementsOf(u.backing().parameters().stream().map(io.tastemaker.core.recipe.HyperParameter::name).toList());
    }
  }

  @Test
  void the_guides_event_types_and_request_members() {
    UseCase bestSellers = UseCases.byName("aws-ecomm-popular-items-by-purchases").orElseThrow();
    assertThat(bestSellers.backing().name()).isEqualTo(RecipeCatalog.POPULARITY_COUNT);
    assertThat(bestSellers.trainsOn("Purchase")).isTrue();
    assertThat(bestSellers.trainsOn("purchase")).as("event types match ignoring case").isTrue();
    assertThat(bestSellers.trainsOn("View")).isFalse();

    UseCase alsoViewed = UseCases.byName("aws-ecomm-customers-who-viewed-x-also-viewed").orElseThrow();
    assertThat(alsoViewed.type()).isEqualTo(RecipeType.RELATED_ITEMS);
    assertThat(alsoViewed.trainsOn("View")).isTrue();
    assertThat(alsoViewed.excludes("Purchase")).isTrue();
    assertThat(alsoViewed.userId()).isEqualTo(Requirement.REQUIRED);

    UseCase together = UseCases.byName("aws-ecomm-frequently-bought-together").orElseThrow();
    assertThat(together.userId()).isEqualTo(Requirement.FOR_FILTERS);
    assertThat(together.itemId()).isEqualTo(Requirement.REQUIRED);

    UseCase forYou = UseCases.byName("aws-ecomm-recommended-for-you").orElseThrow();
    assertThat(forYou.backing()).isSameAs(UseCases.PERSONALIZED);
    assertThat(forYou.trainsOn("View") && forYou.trainsOn("Purchase")).isTrue();
    assertThat(forYou.explores()).isTrue();

    UseCase moreLike = UseCases.byName("aws-vod-more-like-x").orElseThrow();
    assertThat(moreLike.requiredDatasets()).containsExactly(io.tastemaker.core.schema.DatasetType.ITEMS);
    assertThat(moreLike.countsTowardMinimum("Watch")).isTrue();
    assertThat(moreLike.countsTowardMinimum("Click")).isFalse();

    UseCase trending = UseCases.byName("aws-vod-trending-now").orElseThrow();
    assertThat(trending.backing().name()).isEqualTo(RecipeCatalog.TRENDING_NOW);
    assertThat(trending.countsTowardMinimum("Click")).isTrue();
  }

  @Test
  void a_use_case_that_contradicts_itself_is_refused() {
    assertThatThrownBy(() -> new UseCase("x", Domain.ECOMMERCE, "X", "x", RecipeType.RELATED_ITEMS, UseCases.PERSONALIZED, Map.of(), Set.of(), Optional.empty(),
            Set.of(), Requirement.REQUIRED, Requirement.NOT_USED, Set.of(), false, "page"))
        .hasMessageContaining("itemId must be required");
    assertThatThrownBy(() -> new UseCase("x", Domain.ECOMMERCE, "X", "x", RecipeType.USER_PERSONALIZATION, UseCases.PERSONALIZED, Map.of("no_such", "1"),
            Set.of(), Optional.empty(), Set.of(), Requirement.REQUIRED, Requirement.NOT_USED, Set.of(), false, "page"))
        .hasMessageContaining("Unknown hyperparameter no_such");
  }

  @Test
  void domains_read_only_their_exact_wire_names() {
    assertThat(Domain.of("ECOMMERCE")).contains(Domain.ECOMMERCE);
    assertThat(Domain.of("ecommerce")).isEmpty();
  }
}
