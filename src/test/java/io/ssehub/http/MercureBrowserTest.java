package io.ssehub.http;

import io.ssehub.support.BrowserTest;
import io.ssehub.support.MercureFixture;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mercure in a real browser, in the manner of a conformance test: a page opens {@code EventSource}s on
 * {@code /.well-known/mercure} with {@code match}, {@code match_urlpattern} and {@code topic} selectors, one of them
 * with a token in the {@code mercureAuthorization} cookie; a publisher posts updates with a bearer token, one with
 * multi-line data and one private; within 2 s each stream has exactly the updates it should, ids and data intact.
 */
class MercureBrowserTest extends BrowserTest {

  /** The page: each stream records what it receives; the cookie is set only for the last one opened. */
  private static final String PAGE = """
      <!doctype html><meta charset="utf-8"><title>mercure</title>
      <script>
      const hub = '/.well-known/mercure?';
      const streams = {
        exact: 'match=' + encodeURIComponent('https://example.com/books/1'),
        pattern: 'match_urlpattern=' + encodeURIComponent('https://example.com/books/:id'),
        template: 'topic=' + encodeURIComponent('https://example.com/books/{id}'),
        cookie: 'match=' + encodeURIComponent('https://example.com/books/1')
      };
      window.received = {};
      window.opened = 0;
      function open(name) {
        window.received[name] = [];
        const source = new EventSource(hub + streams[name]);
        source.onopen = () => {
          window.opened++;
          if (window.opened === 3) {
            document.cookie = 'mercureAuthorization=' + window.token + '; path=/.well-known/mercure; SameSite=Strict';
            open('cookie');
          }
        };
        source.onmessage = e => window.received[name].push({id: e.lastEventId, type: e.type, data: e.data});
        source.addEventListener('note', e => window.received[name].push({id: e.lastEventId, type: e.type,
            data: e.data}));
      }
      window.start = token => { window.token = token; ['exact', 'pattern', 'template'].forEach(open); };
      </script>
      """;

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachStreamReceivesExactlyTheUpdatesItShould(@TempDir Path webroot) throws Exception {
    Files.writeString(webroot.resolve("mercure.html"), PAGE);
    JsonObject config = MercureFixture.config();
    config.getJsonObject("http").put("webroot", webroot.toString());
    TestHub hub = await(TestHub.start(vertx, config));
    MercureFixture mercure = new MercureFixture(vertx);
    String subscriber = mercure.subscriberToken(MercureFixture.legacyClaims(List.of(),
        List.of("https://example.com/books/{id}")));
    String publisher = mercure.publisherToken(MercureFixture.detailClaims("publish",
        java.util.Map.of("https://example.com/*", "urlpattern")));

    JavascriptExecutor js = (JavascriptExecutor) browser;
    browser.get("http://127.0.0.1:" + hub.port() + "/mercure.html");
    js.executeScript("window.start(arguments[0]);", subscriber);
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver ->
        ((Number) js.executeScript("return window.opened;")).intValue() == 4);

    String book = "topic=https%3A%2F%2Fexample.com%2Fbooks%2F";
    await(mercure.publish(hub, book + "1&id=urn%3Auuid%3A1&data=first%0Asecond%0D%0Athird", publisher)
        .compose(a -> mercure.publish(hub, book + "2&id=b2&type=note&data=two", publisher))
        .compose(b -> mercure.publish(hub, book + "1&id=p3&private=on&data=secret", publisher))
        .compose(c -> mercure.publish(hub, "topic=https%3A%2F%2Fexample.com%2Fauthors%2F1&id=a4&data=author",
            publisher))
        .compose(d -> mercure.publish(hub, book + "1&id=end&data=end", publisher)));

    new WebDriverWait(browser, Duration.ofSeconds(2)).until(driver -> (Boolean) js.executeScript(
        "return Object.values(window.received).every(list => list.length && list[list.length - 1].id === 'end');"));
    JsonObject received = new JsonObject((String) js.executeScript("return JSON.stringify(window.received);"));
    JsonObject first = event("urn:uuid:1", "message", "first\nsecond\nthird");
    JsonObject note = event("b2", "note", "two");
    JsonObject secret = event("p3", "message", "secret");
    JsonObject end = event("end", "message", "end");
    assertEquals(new JsonArray(List.of(first, end)), received.getJsonArray("exact"), "exact, anonymous");
    assertEquals(new JsonArray(List.of(first, note, end)), received.getJsonArray("pattern"), "URL pattern");
    assertEquals(new JsonArray(List.of(first, note, end)), received.getJsonArray("template"), "URI template");
    assertEquals(new JsonArray(List.of(first, secret, end)), received.getJsonArray("cookie"),
        "the private update reaches the stream whose cookie allows it");
  }

  private static JsonObject event(String id, String type, String data) {
    return new JsonObject().put("id", id).put("type", type).put("data", data);
  }
}
