package io.tastemaker.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/** A real server, SDK clients on it and a headless browser on its console: the console tests' setting, closed together. */
public final class ConsoleFixture implements AutoCloseable {
  private final RunningServer server;
  private final PersonalizeClient personalize;
  private final PersonalizeRuntimeClient runtime;
  private final Browser browser;

  private ConsoleFixture(RunningServer server, Browser browser) {
    this.server = server;
    this.personalize = server.personalize();
    this.runtime = server.runtime();
    this.browser = browser;
  }

  /** Clients on the server and a new browser; the fixture closes the server too. */
  public static ConsoleFixture start(RunningServer server) throws IOException {
    try {
      return new ConsoleFixture(server, Browser.start());
    } catch (IOException | RuntimeException e) {
      try {
        server.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The console page of a resource: {@code page("campaigns", arn)} is {@code #/campaigns/<encoded arn>}. */
  public static String page(String kind, String arn) {
    return "#/" + kind + "/" + encode(arn);
  }

  /** An ARN as the console puts it in a page's address (encodeURIComponent). */
  public static String encode(String arn) {
    return URLEncoder.encode(arn, StandardCharsets.UTF_8);
  }

  /** The address of a console page ({@code "#/"} or a {@link #page}). */
  public URI url(String hash) {
    return URI.create(server.endpoint() + "/console/" + hash);
  }

  /** Opens a console page afresh and waits until it is rendered. */
  public void open(String hash) {
    browser.open(url(hash));
  }

  /** Waits until the test panel's answer table has exactly {@code count} rows, and returns them. */
  public List<WebElement> resultRows(int count) {
    return browser.until(d -> {
      List<WebElement> rows = browser.findAll("table[data-testid=results] tbody tr");
      return rows.size() == count ? rows : null;
    });
  }

  public RunningServer server() {
    return server;
  }

  public PersonalizeClient personalize() {
    return personalize;
  }

  public PersonalizeRuntimeClient runtime() {
    return runtime;
  }

  public Browser browser() {
    return browser;
  }

  @Override
  public void close() throws Exception {
    try {
      browser.close();
    } finally {
      runtime.close();
      personalize.close();
      server.close();
    }
  }
}
