package io.tastemaker.server.it;

import static io.tastemaker.server.testing.ConsoleFixture.encode;
import static io.tastemaker.server.testing.ConsoleFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Browser;
import io.tastemaker.server.testing.ConsoleFixture;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Screenshot;
import io.tastemaker.server.testing.Workflow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.CampaignConfig;
import software.amazon.awssdk.services.personalize.model.PersonalizeException;
import software.amazon.awssdk.services.personalize.model.RankingInfluenceType;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PersonalizeRuntimeException;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.personalizeruntime.model.Promotion;

/**
 * The console in Debian's headless Chromium against a server with access keys: the login, then a
 * campaign's test panel, whose items, scores, metadata, promotions, reasons and bar chart must match
 * what the AWS SDK for Java v2 gets from the same campaign; the campaign form's configuration
 * (ranking influence, metadata in recommendations); the metrics, the filter check and API errors as
 * the SDK sees them; plus a screenshot check that the page really renders.
 */
class ConsoleBrowserIT {
  private static final int BAR_RGB = 0x2f6fde;

  private static ConsoleFixture console;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static Browser browser;
  private static String group;
  private static String hrnn;
  private static String ranking;
  private static String sims;
  private static String genreFilter;

  @BeforeAll
  static void deployAndSignIn() throws Exception {
    console = ConsoleFixture.start(RunningServer.startWithCredentials());
    server = console.server();
    browser = console.browser();
    personalize = console.personalize();
    runtime = console.runtime();
    Path dir = Files.createDirectories(server.localData().resolve("fixture"));
    group = Workflow.activeGroup(personalize, "console");
    Workflow.importGenreShop(personalize, group, dir);
    hrnn = Workflow.deployed(personalize, group, "aws-hrnn", Workflow.QUICK_HRNN);
    ranking = Workflow.deployed(personalize, group, "aws-personalized-ranking", Workflow.QUICK_HRNN);
    sims = Workflow.deployed(personalize, group, "aws-sims", Map.of());
    genreFilter = personalize.createFilter(r -> r.name(Workflow.unique("genre")).datasetGroupArn(group)
        .filterExpression("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)")).filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(genreFilter)).filter().status(), Workflow.WAIT);

    browser.open(server.endpoint().resolve("/console/"));
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
  void after_login_the_first_page_lists_the_dataset_groups() {
    console.open("#/");

    List<WebElement> rows = browser.findAll("table[data-testid=dataset-groups] tbody tr");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText()).contains(group.substring(group.lastIndexOf('/') + 1)).contains("ACTIVE");
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void two_clicks_lead_from_the_groups_to_a_campaigns_test_panel() {
    console.open("#/");
    browser.find("table[data-testid=dataset-groups] tbody tr a").click();
    browser.click("table[data-testid=campaigns] a[data-testid=test-campaign][href*='" + encode(hrnn) + "']");

    browser.until(d -> browser.currentUrl().endsWith(page("campaigns", hrnn)) ? true : null);
    browser.awaitReady();
    assertThat(browser.await("[data-testid=campaign-status]").getText()).isEqualTo("ACTIVE");
    assertThat(browser.await("input[name=userId]").isDisplayed()).isTrue();
  }

  @Test
  void a_users_recommendations_show_the_apis_items_scores_and_genres() {
    List<PredictedItem> expected = runtime.getRecommendations(r -> r.campaignArn(hrnn).userId("user-7").numResults(10)).itemList();

    console.open(page("campaigns", hrnn));
    assertThat(browser.await("[data-testid=campaign-status]").getText()).contains("ACTIVE");
    browser.type("input[name=userId]", "user-7");
    browser.type("input[name=numResults]", "10");
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = console.resultRows(10);

    for (int i = 0; i < expected.size(); i++) {
      PredictedItem item = expected.get(i);
      WebElement row = rows.get(i);
      assertThat(cell(row, "rank")).isEqualTo(Integer.toString(i + 1));
      assertThat(cell(row, "item-id")).isEqualTo(item.itemId());
      assertThat(Double.parseDouble(row.findElement(By.cssSelector("td.score")).getDomAttribute("data-score"))).isEqualTo(item.score());
      assertThat(Double.parseDouble(cell(row, "score"))).isCloseTo(fourDigits(item.score()), within(1e-12));
      assertThat(row.getText()).contains(GenreShop.genreOf(item.itemId()));
    }
    assertBarsFollowScores(expected);
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void a_ranking_puts_unknown_items_last_and_marks_them_unscored() {
    List<String> input = List.of("movie-003", "never-seen", "movie-047", "movie-101");
    List<PredictedItem> expected = runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-3").inputList(input)).personalizedRanking();

    console.open(page("campaigns", ranking));
    browser.type("input[name=userId]", "user-3");
    browser.type("textarea[name=inputList]", String.join("\n", input));
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = console.resultRows(4);

    assertThat(rows.stream().map(r -> cell(r, "item-id")).toList()).isEqualTo(expected.stream().map(PredictedItem::itemId).toList());
    WebElement last = rows.get(3);
    assertThat(cell(last, "item-id")).isEqualTo("never-seen");
    assertThat(last.getDomAttribute("class")).contains("unscored");
    assertThat(cell(last, "score")).isEqualTo("unscored");
    for (int i = 0; i < 3; i++) {
      assertThat(Double.parseDouble(rows.get(i).findElement(By.cssSelector("td.score")).getDomAttribute("data-score"))).isEqualTo(expected.get(i).score());
    }
    assertThat(browser.findAll("svg[data-testid=score-chart] rect.bar")).hasSize(3);
  }

  @Test
  void related_items_take_an_item_id_and_come_without_scores() {
    List<PredictedItem> expected = runtime.getRecommendations(r -> r.campaignArn(sims).itemId("movie-021").numResults(6)).itemList();
    assertThat(expected).hasSize(6).allSatisfy(item -> assertThat(item.score()).isNull());

    console.open(page("campaigns", sims));
    assertThat(browser.findAll("input[name=userId]")).isEmpty();
    browser.type("input[name=itemId]", "movie-021");
    browser.type("input[name=numResults]", "6");
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = console.resultRows(6);

    assertThat(rows.stream().map(r -> cell(r, "item-id")).toList()).isEqualTo(expected.stream().map(PredictedItem::itemId).toList());
    assertThat(rows).allSatisfy(r -> assertThat(cell(r, "score")).isEqualTo("—"));
    assertThat(browser.find("[data-testid=no-scores]").getText()).contains("no scores");
    assertThat(browser.findAll("svg[data-testid=score-chart]")).isEmpty();
  }

  @Test
  void a_filter_value_typed_in_the_panel_narrows_the_answer_as_the_api_does() {
    List<PredictedItem> expected = runtime.getRecommendations(r -> r.campaignArn(hrnn).userId("user-7").numResults(5)
        .filterArn(genreFilter).filterValues(Map.of("GENRE", "\"Comedy\""))).itemList();
    assertThat(expected).hasSize(5).allSatisfy(item -> assertThat(GenreShop.genreOf(item.itemId())).isEqualTo("Comedy"));

    console.open(page("campaigns", hrnn));
    browser.type("input[name=userId]", "user-7");
    browser.type("input[name=numResults]", "5");
    new org.openqa.selenium.support.ui.Select(browser.await("select[name=filterArn]")).selectByValue(genreFilter);
    browser.type("input[name=\"filterValue-GENRE\"]", "Comedy");
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = console.resultRows(5);

    assertThat(rows.stream().map(r -> cell(r, "item-id")).toList()).isEqualTo(expected.stream().map(PredictedItem::itemId).toList());
    browser.click("button[data-testid=show-raw]");
    assertThat(browser.await("pre[data-testid=raw-json]").getText()).contains("\"filterValues\"").contains("\\\"Comedy\\\"").contains("recommendationId");
  }

  @Test
  void a_context_typed_in_the_panel_goes_with_the_request() {
    List<PredictedItem> expected = runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-5")
        .inputList("movie-010", "movie-030", "movie-050").context(Map.of("DEVICE", "phone"))).personalizedRanking();

    console.open(page("campaigns", ranking));
    browser.type("input[name=userId]", "user-5");
    browser.type("textarea[name=inputList]", "movie-010, movie-030, movie-050");
    browser.type("input[name=context]", "DEVICE=phone");
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = console.resultRows(3);

    assertThat(rows.stream().map(r -> cell(r, "item-id")).toList()).isEqualTo(expected.stream().map(PredictedItem::itemId).toList());
    browser.click("button[data-testid=show-raw]");
    assertThat(browser.await("pre[data-testid=raw-json]").getText().replaceAll("\\s+", "")).contains("\"context\":{\"DEVICE\":\"phone\"}");
  }

  @Test
  void a_promotion_set_in_the_panel_marks_the_promoted_items_as_the_api_does() {
    Promotion horror = Promotion.builder().name("horror-night").percentPromotedItems(30).filterArn(genreFilter).filterValues(Map.of("GENRE", "\"Horror\"")).build();
    List<PredictedItem> expected = runtime.getRecommendations(r -> r.campaignArn(hrnn).userId("user-7").numResults(10).promotions(horror)).itemList();
    assertThat(expected.stream().filter(i -> i.promotionName() != null)).hasSize(3);

    console.open(page("campaigns", hrnn));
    browser.type("input[name=userId]", "user-7");
    browser.type("input[name=numResults]", "10");
    browser.expand("select[name=promotionFilterArn]");
    new org.openqa.selenium.support.ui.Select(browser.await("select[name=promotionFilterArn]")).selectByValue(genreFilter);
    browser.type("input[name=\"promoValue-GENRE\"]", "Horror");
    browser.type("input[name=percentPromotedItems]", "30");
    browser.type("input[name=promotionName]", "horror-night");
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = console.resultRows(10);

    assertThat(rows.stream().map(r -> cell(r, "item-id")).toList()).isEqualTo(expected.stream().map(PredictedItem::itemId).toList());
    for (int i = 0; i < rows.size(); i++) {
      WebElement reason = rows.get(i).findElement(By.cssSelector("td.reason"));
      PredictedItem item = expected.get(i);
      assertThat(reason.getDomAttribute("data-promotion")).as(item.itemId()).isEqualTo(item.promotionName());
      List<String> tags = reason.findElements(By.cssSelector(".tag")).stream().map(WebElement::getText).toList();
      assertThat(tags).as(item.itemId()).isEqualTo(item.promotionName() == null ? List.of() : List.of("horror-night", "Promoted item"));
      assertThat(String.valueOf(rows.get(i).getDomAttribute("class")).contains("promoted")).as(item.itemId()).isEqualTo(item.promotionName() != null);
    }
    Screenshot.keep(browser.screenshot(), "promotion-panel");
    browser.click("button[data-testid=show-raw]");
    assertThat(browser.await("pre[data-testid=raw-json]").getText()).contains("\"promotions\"").contains("\"percentPromotedItems\": 30");
  }

  @Test
  void popular_stand_ins_show_their_reason() {
    console.open(page("campaigns", sims));
    browser.type("input[name=itemId]", "no-such-movie");
    browser.type("input[name=numResults]", "4");
    browser.click("button[data-testid=get-recommendations]");
    assertThat(console.resultRows(4)).allSatisfy(r -> assertThat(r.findElement(By.cssSelector("td.reason")).getDomAttribute("data-reason")).isEqualTo("Popular item"));
  }

  @Test
  void the_campaign_form_sets_ranking_influence_and_metadata_and_the_panel_returns_the_chosen_columns() {
    String name = Workflow.unique("configured");
    console.open(page("groups", group));
    browser.expand("#campaigns details.create [name=name]");
    browser.await("#campaigns select[name=solutionVersionArn] option");
    String version = personalize.describeCampaign(r -> r.campaignArn(hrnn)).campaign().solutionVersionArn();
    new org.openqa.selenium.support.ui.Select(browser.find("#campaigns select[name=solutionVersionArn]")).selectByValue(version);
    browser.type("#campaigns details.create [name=name]", name);
    browser.type("#campaigns details.create [name=freshness]", "0.5");
    browser.click("#campaigns details.create [name=enableMetadataWithRecommendations]");
    browser.click("#campaigns details.create button[type=submit]");
    browser.await("#campaigns details.create .form-result .success");

    String campaign = personalize.listCampaigns(r -> r.maxResults(100)).campaigns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().campaignArn();
    CampaignConfig config = personalize.describeCampaign(r -> r.campaignArn(campaign)).campaign().campaignConfig();
    assertThat(config.enableMetadataWithRecommendations()).isTrue();
    assertThat(config.rankingInfluence()).containsExactly(Map.entry(RankingInfluenceType.FRESHNESS, 0.5));
    Await.finalStatus(() -> personalize.describeCampaign(r -> r.campaignArn(campaign)).campaign().status(), Workflow.WAIT);
    List<PredictedItem> expected = runtime.getRecommendations(r -> r.campaignArn(campaign).userId("user-7").numResults(6)
        .metadataColumns(Map.of("ITEMS", List.of("GENRES")))).itemList();

    console.open(page("campaigns", campaign));
    browser.type("input[name=userId]", "user-7");
    // What a typing wait that runs out reports about its field.
    assertThat(browser.fieldState("input[name=userId]")).contains("\"tag\":\"INPUT\"").contains("\"connected\":true");
    browser.type("input[name=numResults]", "6");
    browser.click("[data-testid=metadata-columns] input[value=GENRES]");
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = console.resultRows(6);
    Screenshot.keep(browser.screenshot(), "metadata-columns-panel");
    for (int i = 0; i < rows.size(); i++) {
      assertThat(cell(rows.get(i), "item-id")).isEqualTo(expected.get(i).itemId());
      assertThat(rows.get(i).findElement(By.cssSelector("td.meta[data-field=GENRES]")).getText()).isEqualTo(expected.get(i).metadata().get("GENRES"));
    }
    browser.click("button[data-testid=show-raw]");
    assertThat(browser.await("pre[data-testid=raw-json]").getText().replaceAll("\\s+", "")).contains("\"metadataColumns\":{\"ITEMS\":[\"GENRES\"]}");

    // The update form starts from the campaign's configuration and changes it.
    assertThat(browser.find("form[data-testid=update-campaign] [name=freshness]").getDomProperty("value")).isEqualTo("0.5");
    browser.typeExpanded("form[data-testid=update-campaign] [name=popularity]", "1");
    browser.click("form[data-testid=update-campaign] button[type=submit]");
    browser.await("form[data-testid=update-campaign] .form-result .success");
    Await.until(() -> personalize.describeCampaign(r -> r.campaignArn(campaign)).campaign().latestCampaignUpdate().status(), java.util.Set.of("ACTIVE"), Workflow.WAIT);
    assertThat(personalize.describeCampaign(r -> r.campaignArn(campaign)).campaign().campaignConfig().rankingInfluence())
        .containsOnly(Map.entry(RankingInfluenceType.FRESHNESS, 0.5), Map.entry(RankingInfluenceType.POPULARITY, 1.0));
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void an_api_error_shows_the_apis_message() {
    String tooLong = "x".repeat(300);
    String apiMessage = catchThrowableOfType(PersonalizeRuntimeException.class,
        () -> runtime.getPersonalizedRanking(r -> r.campaignArn(ranking).userId("user-3").inputList(tooLong))).awsErrorDetails().errorMessage();

    console.open(page("campaigns", ranking));
    browser.type("input[name=userId]", "user-3");
    browser.type("textarea[name=inputList]", tooLong);
    browser.click("button[data-testid=get-recommendations]");

    assertThat(browser.await("[data-testid=error]").getText()).contains("InvalidInputException").contains(apiMessage);
  }

  @Test
  void the_solution_page_shows_the_eight_metrics_of_each_version() {
    String version = personalize.describeCampaign(r -> r.campaignArn(hrnn)).campaign().solutionVersionArn();
    String solution = personalize.describeSolutionVersion(r -> r.solutionVersionArn(version)).solutionVersion().solutionArn();
    Map<String, Double> metrics = personalize.getSolutionMetrics(r -> r.solutionVersionArn(version)).metrics();
    String versionId = version.substring(version.lastIndexOf('/') + 1);

    console.open(page("solutions", solution));
    browser.await("table[data-testid=metrics]");

    assertThat(metrics).hasSize(8);
    metrics.forEach((name, value) -> {
      WebElement shown = browser.find("table[data-testid=metrics] tr[data-metric=" + name + "] td[data-version=\"" + versionId + "\"]");
      assertThat(Double.parseDouble(shown.getText().trim())).as(name).isCloseTo(value, within(5e-5));
    });
    assertThat(browser.findAll("svg[data-testid=metrics-chart] rect.metric-bar[data-version=\"" + versionId + "\"]")).hasSize(8);
    assertThat(browser.find("table[data-testid=solution-versions]").getText()).contains(versionId).contains("ACTIVE");
  }

  @Test
  void a_filter_expression_is_checked_as_it_is_typed_with_create_filters_message() {
    String bad = "INCLUDE ItemID WHERE Items.GENRES LIKE (\"Comedy\")";
    String apiMessage = catchThrowableOfType(PersonalizeException.class,
        () -> personalize.createFilter(r -> r.name(Workflow.unique("bad")).datasetGroupArn(group).filterExpression(bad))).awsErrorDetails().errorMessage();

    console.open(page("groups", group));
    browser.expand("textarea[name=filterExpression]");
    browser.type("textarea[name=filterExpression]", bad);
    WebElement check = browser.until(d -> {
      WebElement shown = browser.find("[data-testid=filter-check]");
      return shown.getDomAttribute("class").contains("invalid") ? shown : null;
    });
    assertThat(check.getText()).isEqualTo(apiMessage);

    browser.type("textarea[name=filterExpression]", "EXCLUDE ItemID WHERE Items.GENRES IN (\"Horror\")");
    browser.until(d -> browser.find("[data-testid=filter-check]").getDomAttribute("class").contains(" valid"));
  }

  @Test
  void a_wrong_secret_is_refused_with_a_message_and_sign_out_ends_the_session() throws Exception {
    try (Browser other = Browser.start()) {
      other.open(server.endpoint().resolve("/console/"));
      other.type("input[name=accessKeyId]", RunningServer.ACCESS_KEY);
      other.type("input[name=secretAccessKey]", "not-the-secret");
      other.find("form[data-testid=login] button[type=submit]").click();
      assertThat(other.await("[data-testid=error]").getText()).contains("The access key ID or secret access key is not valid.");
      assertThat(other.findAll("table[data-testid=dataset-groups]")).isEmpty();

      other.type("input[name=secretAccessKey]", RunningServer.SECRET_KEY);
      other.find("form[data-testid=login] button[type=submit]").click();
      other.await("table[data-testid=dataset-groups]");
      other.click("[data-testid=sign-out]");
      other.await("form[data-testid=login]");

      other.open(console.url(page("campaigns", hrnn)));
      other.await("form[data-testid=login]");
      assertThat(other.findAll("button[data-testid=get-recommendations]")).isEmpty();
    }
  }

  @Test
  void a_session_ended_elsewhere_brings_the_console_back_to_the_login_page() throws Exception {
    try (Browser other = Browser.start()) {
      other.open(server.endpoint().resolve("/console/"));
      other.type("input[name=accessKeyId]", RunningServer.ACCESS_KEY);
      other.type("input[name=secretAccessKey]", RunningServer.SECRET_KEY);
      other.find("form[data-testid=login] button[type=submit]").click();
      other.await("table[data-testid=dataset-groups]");

      // The session ends behind the page's back; its next control-plane call is refused with 400
      // MissingAuthenticationTokenException, as AWS refuses an unsigned awsJson request.
      Object status = other.script(
          "return fetch('/console/api/logout', {method: 'POST', headers: {'X-Tastemaker-Console': '1', 'Content-Type': 'application/json'}, body: '{}'})"
              + ".then(r => r.status);");
      assertThat(status).isEqualTo(200L);
      other.script("location.hash = arguments[0];", page("campaigns", hrnn));

      other.await("form[data-testid=login]");
      assertThat(other.findAll("button[data-testid=get-recommendations]")).isEmpty();
    }
  }

  @Test
  void the_campaign_page_renders_its_scores_as_bars_on_screen() {
    console.open(page("campaigns", hrnn));
    browser.type("input[name=userId]", "user-11");
    browser.type("input[name=numResults]", "8");
    browser.click("button[data-testid=get-recommendations]");
    console.resultRows(8);

    byte[] page = browser.screenshot();
    Screenshot.keep(page, "campaign-page");
    Screenshot whole = Screenshot.of(page);
    assertThat(whole.width()).isGreaterThanOrEqualTo(1200);
    assertThat(whole.distinctColours()).as("a rendered page has text, tables and a chart").isGreaterThan(50);
    assertThat(whole.dominantShare()).as("the background leaves room for content").isBetween(0.2, 0.95);

    WebElement chart = browser.find("svg[data-testid=score-chart]");
    byte[] chartPng = browser.screenshot(chart);
    Screenshot.keep(chartPng, "score-chart");
    Screenshot shot = Screenshot.of(chartPng);
    for (WebElement bar : browser.findAll("svg[data-testid=score-chart] rect.bar")) {
      @SuppressWarnings("unchecked")
      List<Number> box = (List<Number>) browser.script(
          "const b = arguments[0].getBoundingClientRect(), s = arguments[1].getBoundingClientRect();"
              + "return [b.left - s.left, b.top - s.top, b.width, b.height];", bar, chart);
      int x = (int) box.get(0).doubleValue();
      int y = (int) (box.get(1).doubleValue() + box.get(3).doubleValue() / 2);
      int width = (int) box.get(2).doubleValue();
      assertThat(width).as("bar of %s", bar.getDomAttribute("data-item-id")).isGreaterThan(2);
      assertThat(shot.isColour(x + width / 2, y, BAR_RGB, 24)).as("the middle of the bar of %s is drawn", bar.getDomAttribute("data-item-id")).isTrue();
      assertThat(shot.isColour(Math.min(shot.width() - 1, x + width + 4), y, BAR_RGB, 24)).as("the bar of %s ends where its score says", bar.getDomAttribute("data-item-id")).isFalse();
    }
  }

  @Test
  void the_console_loads_nothing_from_other_hosts() {
    console.open(page("campaigns", hrnn));

    @SuppressWarnings("unchecked")
    List<String> loaded = (List<String>) browser.script("return performance.getEntriesByType('resource').map(e => e.name);");
    String origin = server.endpoint().toString();
    assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin));
    assertThat(browser.pageErrors()).isEmpty();
  }



  private static String cell(WebElement row, String cssClass) {
    return row.findElement(By.cssSelector("td." + cssClass)).getText().trim();
  }

  /** The score as the page shows it: JavaScript's toPrecision(4). */
  private static double fourDigits(double score) {
    return new BigDecimal(score).round(new MathContext(4)).doubleValue();
  }

  /** One bar per scored item, in rank order, each as long as its score relative to the first. */
  private static void assertBarsFollowScores(List<PredictedItem> expected) {
    List<WebElement> bars = browser.findAll("svg[data-testid=score-chart] rect.bar");
    assertThat(bars.stream().map(b -> b.getDomAttribute("data-item-id")).toList()).isEqualTo(expected.stream().map(PredictedItem::itemId).toList());
    double full = Double.parseDouble(bars.get(0).getDomAttribute("width"));
    for (int i = 0; i < bars.size(); i++) {
      double width = Double.parseDouble(bars.get(i).getDomAttribute("width"));
      assertThat(width / full).as("bar %d", i + 1).isCloseTo(expected.get(i).score() / expected.get(0).score(), within(0.01));
    }
  }

}
