package io.tastemaker.server.it;

import static io.tastemaker.server.testing.ConsoleFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tastemaker.server.testing.Await;
import io.tastemaker.server.testing.Browser;
import io.tastemaker.server.testing.ConsoleFixture;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetGroupSummary;
import software.amazon.awssdk.services.personalize.model.EventTrackerSummary;
import software.amazon.awssdk.services.personalize.model.FilterSummary;
import software.amazon.awssdk.services.personalize.model.ResourceInUseException;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * The console's actions in Debian's headless Chromium against an open server: deleting resources
 * from their own pages (confirmed in the page, refused with the API's message, gone for the SDK
 * afterwards) and recording an event from a campaign's test panel, after which the panel's answer
 * is the one the AWS SDK for Java v2 gets.
 */
class ConsoleActionsIT {

  private static ConsoleFixture console;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static Browser browser;
  private static String shop;
  private static String hrnn;
  /** A group with an (empty) Interactions dataset: it cannot be deleted, and it takes filters. */
  private static String withDataset;

  @BeforeAll
  static void deploy() throws Exception {
    console = ConsoleFixture.start(RunningServer.start());
    server = console.server();
    browser = console.browser();
    personalize = console.personalize();
    runtime = console.runtime();
    Path dir = Files.createDirectories(server.localData().resolve("fixture"));
    shop = Workflow.activeGroup(personalize, "shop");
    Workflow.importGenreShop(personalize, shop, dir);
    hrnn = Workflow.deployed(personalize, shop, "aws-hrnn", Workflow.QUICK_HRNN);
    Workflow.trackingId(personalize, shop);
    withDataset = Workflow.activeGroup(personalize, "in-use");
    Workflow.activeDataset(personalize, withDataset, "Interactions", Schemas.INTERACTIONS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void a_filter_deleted_in_the_console_leaves_its_group_page_and_the_api() {
    String name = Workflow.unique("no-watch");
    String filter = personalize.createFilter(r -> r.name(name).datasetGroupArn(withDataset)
        .filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\")")).filterArn();
    Await.finalStatus(() -> personalize.describeFilter(r -> r.filterArn(filter)).filter().status(), Workflow.WAIT);

    console.open(page("filters", filter));
    deleteAndConfirm();

    awaitPage(page("groups", withDataset));
    Await.condition(() -> personalize.listFilters(r -> r.datasetGroupArn(withDataset)).filters().stream().map(FilterSummary::filterArn).noneMatch(filter::equals),
        Workflow.WAIT, name + " no longer listed by ListFilters");
    browser.until(d -> browser.find("table[data-testid=filters]").getText().contains(name) ? null : true);
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void an_event_tracker_deleted_in_the_console_is_gone_for_the_api() {
    String group = Workflow.activeGroup(personalize, "tracking");
    String name = Workflow.unique("tracker");
    String tracker = personalize.createEventTracker(r -> r.name(name).datasetGroupArn(group)).eventTrackerArn();
    Await.finalStatus(() -> personalize.describeEventTracker(r -> r.eventTrackerArn(tracker)).eventTracker().status(), Workflow.WAIT);

    console.open(page("trackers", tracker));
    deleteAndConfirm();

    awaitPage(page("groups", group));
    Await.condition(() -> personalize.listEventTrackers(r -> r.datasetGroupArn(group)).eventTrackers().stream().map(EventTrackerSummary::eventTrackerArn)
        .noneMatch(tracker::equals), Workflow.WAIT, name + " no longer listed by ListEventTrackers");
    browser.until(d -> browser.find("table[data-testid=event-trackers]").getText().contains(name) ? null : true);
  }

  @Test
  void a_group_that_still_has_a_dataset_is_kept_and_the_console_shows_why() {
    String apiMessage = catchThrowableOfType(ResourceInUseException.class,
        () -> personalize.deleteDatasetGroup(r -> r.datasetGroupArn(withDataset))).awsErrorDetails().errorMessage();

    console.open(page("groups", withDataset));
    deleteAndConfirm();

    WebElement error = browser.await("[data-testid=error]");
    assertThat(error.getText()).contains("ResourceInUseException").contains(apiMessage);
    assertThat(browser.currentUrl()).endsWith(page("groups", withDataset));
    assertThat(browser.findAll("button[data-testid=confirm-delete]")).isEmpty();
    assertThat(browser.find("button[data-testid=delete]").isEnabled()).isTrue();
    assertThat(personalize.describeDatasetGroup(r -> r.datasetGroupArn(withDataset)).datasetGroup().status()).isEqualTo("ACTIVE");
  }

  @Test
  void an_empty_group_is_kept_on_cancel_and_gone_from_the_first_page_on_confirm() {
    String group = Workflow.activeGroup(personalize, "empty");
    String name = group.substring(group.lastIndexOf('/') + 1);

    console.open(page("groups", group));
    browser.click("button[data-testid=delete]");
    assertThat(browser.await("[data-testid=delete-confirmation]").getText()).contains(name);
    browser.click("button[data-testid=cancel-delete]");
    assertThat(browser.findAll("button[data-testid=confirm-delete]")).isEmpty();
    assertThat(listedGroups()).contains(group);

    deleteAndConfirm();

    awaitPage("#/");
    Await.condition(() -> !listedGroups().contains(group), Workflow.WAIT, name + " no longer listed by ListDatasetGroups");
    browser.until(d -> browser.find("table[data-testid=dataset-groups]").getText().contains(name) ? null : true);
    assertThat(browser.find("table[data-testid=dataset-groups]").getText()).contains(shop.substring(shop.lastIndexOf('/') + 1));
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void an_event_recorded_in_the_test_panel_moves_the_answer_to_what_the_api_now_says() {
    String user = "user-007";
    console.open(page("campaigns", hrnn));
    assertThat(browser.await("input[name=eventType]").getDomProperty("value")).isEqualTo("click");
    browser.type("input[name=userId]", user);
    browser.type("input[name=numResults]", "10");
    browser.click("button[data-testid=get-recommendations]");
    browser.awaitReady();
    List<String> before = shown(console.resultRows(10));
    // The last item of the list: an event on it pulls the user's history somewhere new.
    String item = before.get(9).split(" ")[0];

    browser.click("table[data-testid=results] tr[data-item-id=\"" + item + "\"] button[data-testid=send-event]");

    WebElement note = browser.await("[data-testid=event-note]");
    browser.awaitReady();
    assertThat(note.getText()).contains("Recorded click on " + item + " for " + user).contains("already reflects it");
    List<String> after = shown(console.resultRows(10));
    List<PredictedItem> expected = runtime.getRecommendations(r -> r.campaignArn(hrnn).userId(user).numResults(10)).itemList();
    assertThat(after).isNotEqualTo(before).isEqualTo(expected.stream().map(p -> p.itemId() + " " + p.score()).toList());

    browser.type("input[name=userId]", "");
    browser.click("table[data-testid=results] tbody tr button[data-testid=send-event]");
    assertThat(browser.await("[data-testid=error]").getText()).contains("User ID needed");
    assertThat(browser.findAll("[data-testid=event-note]")).isEmpty();
    assertThat(browser.pageErrors()).isEmpty();
  }

  @Test
  void a_resource_deleted_between_a_list_and_its_describe_is_left_out_of_a_table() {
    String dataset = personalize.listDatasets(r -> r.datasetGroupArn(withDataset)).datasets().get(0).datasetArn();
    String gone = dataset.replace("/INTERACTIONS", "/USERS");
    console.open("#/");

    Object described = browser.script("""
        return import('/console/js/api.js').then(m => m.describeEach(arguments[0],
          arn => m.control('DescribeDataset', { datasetArn: arn }).then(r => r.dataset)).then(list => list.map(d => d.datasetArn)));""",
        List.of(gone, dataset));
    assertThat(described).isEqualTo(List.of(dataset));
  }

  private static void deleteAndConfirm() {
    browser.click("button[data-testid=delete]");
    browser.click("button[data-testid=confirm-delete]");
  }


  /** Waits until the console shows the page of this hash, rendered. */
  private static void awaitPage(String hash) {
    browser.until(d -> browser.currentUrl().endsWith("/console/" + hash) ? true : null);
    browser.awaitReady();
  }

  private static List<String> listedGroups() {
    return personalize.listDatasetGroups(r -> r.maxResults(100)).datasetGroups().stream().map(DatasetGroupSummary::datasetGroupArn).toList();
  }


  /** Each row as "itemId score", the score exactly as the API sent it. */
  private static List<String> shown(List<WebElement> rows) {
    return rows.stream().map(r -> r.getDomAttribute("data-item-id") + " " + Double.parseDouble(r.findElement(By.cssSelector("td.score")).getDomAttribute("data-score"))).toList();
  }

}
