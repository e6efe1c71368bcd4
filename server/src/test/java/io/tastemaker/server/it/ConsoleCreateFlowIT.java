package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.Browser;
import io.tastemaker.server.testing.ConsoleFixture;
import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import io.tastemaker.server.testing.Schemas;
import io.tastemaker.server.testing.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * The whole workflow through the console's forms alone, as someone without the CLI would go:
 * dataset group, schema, dataset, import, solution with hyperparameters, training, campaign, and a
 * user's scored recommendations, which must match what the AWS SDK for Java v2 then gets.
 */
class ConsoleCreateFlowIT {
  private static ConsoleFixture console;
  private static RunningServer server;
  private static PersonalizeClient personalize;
  private static PersonalizeRuntimeClient runtime;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    console = ConsoleFixture.start(RunningServer.start());
    server = console.server();
    browser = console.browser();
    personalize = console.personalize();
    runtime = console.runtime();
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void from_an_empty_server_to_scored_recommendations_through_the_forms() throws Exception {
    Path csv = GenreShop.generate().writeInteractions(Files.createDirectories(server.localData().resolve("fixture")).resolve("interactions.csv"));
    String group = Workflow.unique("flow");

    console.open("#/");
    submit("#main details.create", Map.of("name", group));
    browser.until(d -> rowWith("table[data-testid=dataset-groups]", group, "ACTIVE")).findElement(By.cssSelector("a")).click();
    browser.awaitReady();

    submit(nthForm("#datasets", 0), Map.of("name", group + "-schema", "schema", Schemas.INTERACTIONS));
    expand(nthForm("#datasets", 1));
    browser.await(nthForm("#datasets", 1) + " select[name=schemaArn] option");
    new Select(browser.find(nthForm("#datasets", 1) + " select[name=schemaArn]")).selectByVisibleText(group + "-schema");
    submit(nthForm("#datasets", 1), Map.of("name", group + "-interactions"));
    browser.until(d -> rowWith("table[data-testid=datasets]", group + "-interactions", "ACTIVE"));

    expand(nthForm("#datasets", 2));
    browser.await(nthForm("#datasets", 2) + " select[name=datasetArn] option");
    submit(nthForm("#datasets", 2), Map.of("jobName", group + "-import", "dataLocation", csv.toString()));
    browser.until(d -> rowWith("table[data-testid=import-jobs]", group + "-import", "ACTIVE"));

    expand("#solutions details.create");
    browser.await("#solutions select[name=recipeArn] option[value='arn:aws:personalize:::recipe/aws-hrnn']");
    submit("#solutions details.create", Map.of("name", group + "-hrnn",
        "hyperparameters", "{\"hidden_dimension\": \"32\", \"epochs\": \"8\", \"batch_size\": \"32\", \"bptt\": \"8\", \"threads\": \"2\"}"));
    WebElement train = browser.until(d -> {
      WebElement row = rowWith("table[data-testid=solutions]", group + "-hrnn", "ACTIVE");
      WebElement button = row == null ? null : row.findElement(By.cssSelector("button[data-testid=train]"));
      return button != null && button.isEnabled() ? button : null;
    });
    train.click();
    browser.until(Workflow.TRAINING, d -> rowWithBadges("table[data-testid=solutions]", group + "-hrnn", 2));

    expand("#campaigns details.create");
    browser.await("#campaigns select[name=solutionVersionArn] option");
    submit("#campaigns details.create", Map.of("name", group + "-campaign"));
    browser.until(d -> rowWith("table[data-testid=campaigns]", group + "-campaign", "ACTIVE")).findElement(By.cssSelector("a[data-testid=test-campaign]")).click();
    browser.awaitReady();

    browser.type("input[name=userId]", "user-12");
    browser.type("input[name=numResults]", "10");
    browser.click("button[data-testid=get-recommendations]");
    List<WebElement> rows = browser.until(d -> {
      List<WebElement> found = browser.findAll("table[data-testid=results] tbody tr");
      return found.size() == 10 ? found : null;
    });
    String campaign = personalize.listCampaigns(r -> r.maxResults(100)).campaigns().stream().filter(c -> c.name().equals(group + "-campaign")).findFirst().orElseThrow().campaignArn();
    List<PredictedItem> expected = runtime.getRecommendations(r -> r.campaignArn(campaign).userId("user-12").numResults(10)).itemList();
    for (int i = 0; i < 10; i++) {
      assertThat(rows.get(i).findElement(By.cssSelector("td.item-id")).getText()).isEqualTo(expected.get(i).itemId());
      assertThat(Double.parseDouble(rows.get(i).findElement(By.cssSelector("td.score")).getDomAttribute("data-score"))).isEqualTo(expected.get(i).score());
    }
    String solution = personalize.describeCampaign(r -> r.campaignArn(campaign)).campaign().solutionVersionArn().replaceAll("/[^/]+$", "");
    assertThat(personalize.describeSolution(r -> r.solutionArn(solution)).solution().solutionConfig().algorithmHyperParameters())
        .containsEntry("hidden_dimension", "32").containsEntry("epochs", "8");
    assertThat(browser.pageErrors()).isEmpty();
  }

  /** The section's index-th create form, given an id of its own so a selector finds it alone. */
  private static String nthForm(String section, int index) {
    String id = section.substring(1) + "-form-" + index;
    browser.script("document.querySelectorAll(arguments[0] + ' details.create')[arguments[1]].id = arguments[2];", section, index, id);
    return "#" + id;
  }

  private static void expand(String detailsCss) {
    browser.script("arguments[0].open = true;", browser.find(detailsCss));
  }

  /** Opens a create form, types the values and submits it; the form's result message must follow. */
  private static void submit(String detailsCss, Map<String, String> values) {
    expand(detailsCss);
    // A polled part of the page may redraw while a field is typed in: then the field is found and typed again.
    values.forEach((name, value) -> browser.untilTyped(detailsCss + " [name=" + name + "]", d -> {
      expand(detailsCss);
      WebElement field = d.findElements(By.cssSelector(detailsCss + " [name=" + name + "]")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
      if (field == null) {
        return null;
      }
      if (value.length() > 200) {
        browser.script("arguments[0].value = arguments[1];", field, value);
        return true;
      }
      return browser.typeInto(field, value);
    }));
    browser.clickSending(detailsCss + " button[type=submit]");
    browser.until(d -> {
      String error = browser.findAll(detailsCss + " [data-testid=error]").stream().map(WebElement::getText).findFirst().orElse("");
      if (!error.isEmpty()) {
        throw new AssertionError(detailsCss + ": " + error);
      }
      return browser.findAll(detailsCss + " .form-result .success").isEmpty() ? null : true;
    });
  }

  private static WebElement rowWith(String table, String name, String status) {
    return browser.findAll(table + " tbody tr").stream().filter(r -> r.getText().contains(name) && r.getText().contains(status)).findFirst().orElse(null);
  }

  private static Boolean rowWithBadges(String table, String name, int activeBadges) {
    return browser.findAll(table + " tbody tr").stream()
        .anyMatch(r -> r.getText().contains(name) && r.findElements(By.cssSelector(".badge.ok")).size() == activeBadges) ? true : null;
  }
}
