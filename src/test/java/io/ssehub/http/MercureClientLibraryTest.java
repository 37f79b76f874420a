package io.ssehub.http;

import io.ssehub.support.MercureFixture;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real client library from a package registry against the hub: the npm {@code eventsource} client (3.0.7, pinned
 * by src/test/js/mercure-client/package-lock.json, installed with {@code npm ci}) subscribes to
 * {@code /.well-known/mercure} with a URL pattern and a token in the {@code mercureAuthorization} cookie, as a
 * Mercure front end does, and receives a public and a private update. Skipped when Node.js or the installed client is
 * absent, except in CI ({@code CI=true}), which installs both.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MercureClientLibraryTest {

  private static final Path CLIENT = Path.of("src/test/js/mercure-client");

  private Vertx vertx;
  private Process node;

  @BeforeEach
  void setUp() {
    boolean present = Files.isDirectory(CLIENT.resolve("node_modules/eventsource")) && nodeRuns();
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(present, "CI must have Node.js and run npm ci in " + CLIENT);
    }
    assumeTrue(present, "Node.js or the npm eventsource client is not installed (npm ci in " + CLIENT + ")");
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (node != null) {
      node.destroyForcibly();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static boolean nodeRuns() {
    try {
      Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theNpmEventSourceClientReceivesPublicAndPrivateUpdates() throws Exception {
    TestHub hub = await(TestHub.start(vertx, MercureFixture.config()));
    MercureFixture mercure = new MercureFixture(vertx);
    String token = mercure.subscriberToken(MercureFixture.legacyClaims(List.of(), List.of("https://example.com/{+any}")));
    String url = "http://127.0.0.1:" + hub.port() + MercureFixture.PATH + "?match_urlpattern="
        + URLEncoder.encode("https://example.com/books/:id", StandardCharsets.UTF_8);
    ProcessBuilder builder = new ProcessBuilder("node", "subscribe.js", url, "2", "20")
        .directory(new File(CLIENT.toString())).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("MERCURE_COOKIE", "mercureAuthorization=" + token);
    node = builder.start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    assertEquals(new JsonObject().put("open", true), new JsonObject(lines.readLine()), "the stream opens");

    String publisher = mercure.anyPublisher();
    await(mercure.publish(hub, "topic=https%3A%2F%2Fexample.com%2Fbooks%2F1&id=one&data=public%0Aupdate", publisher)
        .compose(a -> mercure.publish(hub, "topic=https%3A%2F%2Fexample.com%2Fauthors%2F1&data=unmatched", publisher))
        .compose(b -> mercure.publish(hub, "topic=https%3A%2F%2Fexample.com%2Fbooks%2F2&id=two&type=note&private=on"
            + "&data=private", publisher)));

    List<JsonObject> events = new ArrayList<>();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      events.add(new JsonObject(line));
    }
    assertTrue(node.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, node.exitValue(), "the client got its two events; received " + events);
    assertEquals(List.of(
        new JsonObject().put("id", "one").put("type", "message").put("data", "public\nupdate"),
        new JsonObject().put("id", "two").put("type", "note").put("data", "private")), events);
  }
}
