package io.ssehub.http;

import io.ssehub.support.BrowserTest;
import io.ssehub.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page in a real browser (Debian's headless Chromium through chromedriver): it opens the stream, shows times,
 * notices the server going away, and reconnects by itself when the server comes back on the same port. Skipped
 * when Chromium is not installed, except in CI ({@code CI=true}), where it must run.
 */
class BrowserPageTest extends BrowserTest {

  private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static JsonObject config(int port) {
    JsonObject config = TestHub.config()
        .put("sse", new JsonObject().put("retryMillis", 500))
        .put("generators", new JsonArray().add(new JsonObject().put("topic", "time").put("intervalMillis", 200)));
    config.getJsonObject("http").put("port", port);
    return config;
  }

  private static TestHub await(io.vertx.core.Future<TestHub> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void waitForState(String state) {
    new WebDriverWait(browser, WAIT).until(driver -> state.equals(text("status")));
  }

  /** Waits until the page's event list shows {@code count} different times; returns them, newest first. */
  private Set<String> waitForTimes(int count) {
    Set<String> seen = new LinkedHashSet<>();
    new WebDriverWait(browser, WAIT).until(driver -> {
      seen.clear();
      // Read the list in one script call: it changes several times a second, so elements found one by one go stale.
      @SuppressWarnings("unchecked")
      List<String> items = (List<String>) ((JavascriptExecutor) driver).executeScript(
          "return Array.from(document.querySelectorAll('#events li')).map(li => li.lastChild.textContent);");
      for (String item : items) {
        if (TIME.matcher(item).matches()) {
          seen.add(item);
        }
      }
      return seen.size() >= count;
    });
    return seen;
  }

  @Test
  void pageShowsTimesAndReconnectsAfterARestart() throws Exception {
    TestHub hub = await(TestHub.start(vertx, config(0)));
    int port = hub.port();
    browser.get("http://127.0.0.1:" + port + "/");

    waitForState("open");
    Set<String> before = waitForTimes(3);
    assertTrue(TIME.matcher(text("latest")).matches(), text("latest"));

    await(hub.stop().map(hub));
    waitForState("reconnecting");
    String lastBefore = before.iterator().next();

    await(TestHub.start(vertx, config(port)));
    waitForState("open");
    new WebDriverWait(browser, WAIT).until(driver -> "2".equals(text("opens")));
    new WebDriverWait(browser, WAIT).until(driver -> {
      String latest = text("latest");
      return TIME.matcher(latest).matches() && !latest.equals(lastBefore) && !before.contains(latest);
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void resumesWithoutMissingIdsWhenTheServerEndsTheStream() throws Exception {
    JsonObject config = config(0);
    config.getJsonObject("sse").put("maxConnectionLifetimeSeconds", 2).put("retryMillis", 300);
    config.getJsonArray("generators").getJsonObject(0).put("intervalMillis", 100);
    TestHub hub = await(TestHub.start(vertx, config));
    browser.get("http://127.0.0.1:" + hub.port() + "/");
    JavascriptExecutor js = (JavascriptExecutor) browser;
    new WebDriverWait(browser, WAIT).until(driver ->
        ((Number) js.executeScript("return window.ssehubPage.replays.length;")).intValue() >= 2);
    // One script call: events keep arriving, so the list and the shown last id must be read together.
    List<Object> state = (List<Object>) js.executeScript(
        "return [window.ssehubPage.ids.slice(), document.getElementById('lastId').textContent];");
    List<String> ids = (List<String>) state.get(0);
    long previous = -1;
    for (String id : ids) {
      long seq = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
      if (previous >= 0) {
        assertEquals(previous + 1, seq, "ids " + ids);
      }
      previous = seq;
    }
    assertTrue(ids.size() >= 20, "ids " + ids);
    assertEquals(ids.get(ids.size() - 1), state.get(1));
    assertTrue(text("replayed").matches("\\d+"), text("replayed"));
    assertTrue(Integer.parseInt(text("opens")) >= 3, text("opens"));
  }

  @Test
  void publishViewDeliversToTheLiveViewInAnotherTab() throws Exception {
    TestHub hub = await(TestHub.start(vertx, config(0)));
    String base = "http://127.0.0.1:" + hub.port();
    browser.get(base + "/?topics=chat");
    waitForState("open");
    String liveTab = browser.getWindowHandle();
    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(base + "/publish.html");
    browser.findElement(By.id("data")).clear();
    browser.findElement(By.id("data")).sendKeys("hello from the other tab");
    browser.findElement(By.id("send")).click();
    new WebDriverWait(browser, WAIT).until(driver -> text("result").startsWith("published, id "));
    browser.switchTo().window(liveTab);
    new WebDriverWait(browser, WAIT).until(driver -> "hello from the other tab".equals(text("latest")));
  }

  @Test
  void publishViewShowsARefusal() throws Exception {
    TestHub hub = await(TestHub.start(vertx, config(0)));
    browser.get("http://127.0.0.1:" + hub.port() + "/publish.html");
    browser.findElement(By.id("topic")).clear();
    browser.findElement(By.id("topic")).sendKeys("two words");
    browser.findElement(By.id("send")).click();
    new WebDriverWait(browser, WAIT).until(driver -> text("result").startsWith(
        "refused (400): Invalid 'topic': \"two words\" is not a valid topic"));
  }

  @Test
  void browserWithoutEventSourceIsToldPlainly() throws Exception {
    TestHub hub = await(TestHub.start(vertx, config(0)));
    ((ChromeDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
        Map.of("source", "delete window.EventSource;"));
    browser.get("http://127.0.0.1:" + hub.port() + "/");
    waitForState("unsupported");
    assertTrue(browser.findElement(By.id("unsupported")).isDisplayed());
    assertTrue(text("unsupported").startsWith("This browser has no EventSource"), text("unsupported"));
  }

  @Test
  void refusedStreamIsExplainedAndNotRetried() throws Exception {
    TestHub hub = await(TestHub.start(vertx, config(0)));
    browser.get("http://127.0.0.1:" + hub.port() + "/?topics=" + "x".repeat(1100));
    waitForState("closed");
    new WebDriverWait(browser, WAIT).until(driver -> text("problem").startsWith(
        "The server refused the stream (400): Invalid topic"));
  }
}
