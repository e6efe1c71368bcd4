package io.tastemaker.server.it;

import static io.tastemaker.server.testing.ConsoleFixture.encode;
import static io.tastemaker.server.testing.ConsoleFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Browser;
import io.tastemaker.server.testing.ConsoleFixture;
import io.tastemaker.server.testing.DomainShops;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Workflow;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * Recommenders in the console (Chromium): a Domain dataset group lists its recommenders with their
 * use cases, a recommender's page shows its status, configuration and offline metrics, its test
 * panel answers as GetRecommendations with the recommenderArn does (a related-items use case with
 * an item and a user), it is stopped and started from the page, and one is created from the group
 * page's form with a use case of the group's domain.
 */
class ConsoleRecommendersIT {
  private static ConsoleFixture console;
  private static Browser browser;
  private static PersonalizeClient personalize;
  private static String group;
  private static String moreLike;
  private static String popular;

  @BeforeAll
  static void start() throws Exception {
    console = ConsoleFixture.start(RunningServer.startWithCredentials());
    browser = console.browser();
    personalize = console.personalize();
    group = DomainShops.importedGroup(personalize, "VIDEO_ON_DEMAND", console.server().localData().resolve("videos"));
    moreLike = DomainShops.activeRecommender(personalize, group, "aws-vod-more-like-x");
    popular = DomainShops.activeRecommender(personalize, group, "aws-vod-most-popular");
    browser.open(console.server().endpoint().resolve("/console/"));
    browser.await("form[data-testid=login]");
    browser.type("input[name=accessKeyId]", RunningServer.ACCESS_KEY);
    browser.type("input[name=secretAccessKey]", RunningServer.SECRET_KEY);
    browser.find("form[data-testid=login] button[type=submit]").click();
    browser.await("table[data-testid=dataset-groups]");
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void the_group_lists_its_recommenders_and_a_click_opens_the_test_panel() {
    console.open(page("groups", group));
    browser.awaitReady();
    String table = browser.await("table[data-testid=recommenders]").getText();
    assertThat(table).contains("aws-vod-more-like-x").contains("aws-vod-most-popular").contains("ACTIVE");
    browser.click("table[data-testid=recommenders] a[data-testid=test-recommender][href*='" + encode(moreLike) + "']");
    browser.until(d -> browser.currentUrl().endsWith(page("recommenders", moreLike)) ? true : null);
    browser.awaitReady();
    assertThat(browser.await("[data-testid=recommender-status]").getText()).isEqualTo("ACTIVE");
    assertThat(browser.await("table[data-testid=metrics]").getText()).contains("coverage");
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void the_test_panel_answers_as_get_recommendations_with_the_recommender_does() {
    List<PredictedItem> expected =
        console.runtime().getRecommendations(r -> r.recommenderArn(moreLike).itemId("movie-023").userId("user-000").numResults(5)).itemList();
    console.open(page("recommenders", moreLike));
    browser.awaitReady();
    browser.type("input[name=itemId]", "movie-023");
    browser.type("input[name=userId]", "user-000");
    browser.type("input[name=numResults]", "5");
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = console.resultRows(5);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(rows.get(i).findElement(By.cssSelector("td.item-id")).getText().trim()).isEqualTo(expected.get(i).itemId());
    }
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void a_recommender_is_stopped_and_started_from_its_page() {
    console.open(page("recommenders", popular));
    browser.awaitReady();
    browser.click("button[data-testid=stop-recommender]");
    Await.until(() -> personalize.describeRecommender(r -> r.recommenderArn(popular)).recommender().status(), java.util.Set.of("INACTIVE"), Workflow.WAIT);
    browser.until(d -> browser.find("[data-testid=recommender-status]").getText().equals("INACTIVE") ? true : null);
    browser.click("button[data-testid=start-recommender]");
    assertThat(Await.finalStatus(() -> personalize.describeRecommender(r -> r.recommenderArn(popular)).recommender().status(), Workflow.WAIT)).isEqualTo("ACTIVE");
  }

  @Test
  void a_recommender_is_created_from_the_group_page_with_a_use_case_of_its_domain() {
    console.open(page("groups", group));
    browser.awaitReady();
    browser.expand("[data-testid=create-recommender]");
    browser.until(d -> browser.findAll("[data-testid=create-recommender] select[name=recipeArn] option").size() == 5 ? true : null);
    String name = Workflow.unique("trending");
    browser.type("[data-testid=create-recommender] input[name=name]", name);
    browser.script("const s = document.querySelector('[data-testid=create-recommender] select[name=recipeArn]');"
        + " s.value = 'arn:aws:personalize:::recipe/aws-vod-trending-now'; s.dispatchEvent(new Event('change'));");
    browser.click("[data-testid=create-recommender] button[type=submit]");
    Await.condition(() -> personalize.listRecommenders(r -> r.datasetGroupArn(group)).recommenders().stream()
        .anyMatch(s -> s.name().equals(name) && s.recipeArn().endsWith("aws-vod-trending-now")), Workflow.WAIT, "the recommender is created");
  }
}
