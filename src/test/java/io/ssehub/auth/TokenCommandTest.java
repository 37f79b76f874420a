package io.ssehub.auth;

import io.ssehub.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token command mints what the hub's verifier accepts, with the selectors and lifetime asked for. */
class TokenCommandTest {

  private static final JsonObject WITH_SECRET = new JsonObject().put("auth", new JsonObject()
      .put("subscribe", "required").put("hs256Secret", "a-test-secret-of-more-than-32-bytes-0123456789"));

  private record Run(int code, String out, String err) {
  }

  private static Run run(JsonObject config, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TokenCommand.run(args, file -> ServerConfig.fromJson("test.json", config),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void mintsATokenTheHubAccepts() throws Exception {
    Run run = run(WITH_SECRET, "--subscribe", "orders/*", "--publish", "news", "--ttl", "2h", "--sub", "dev");
    assertEquals(0, run.code(), run.err());
    Vertx vertx = Vertx.vertx();
    try {
      Grants grants = TokenVerifier.create(vertx, ServerConfig.fromJson("test.json", WITH_SECRET).auth())
          .verify(run.out()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(new TopicSelector("orders/", true)), grants.subscribe());
      assertEquals(List.of(new TopicSelector("news", false)), grants.publish());
      long expiresIn = grants.expiresAtMillis() - System.currentTimeMillis();
      assertTrue(expiresIn > 7_100_000 && expiresIn <= 7_200_000, "two hours: " + expiresIn);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusesWithAReason() throws Exception {
    Run noSecret = run(new JsonObject(), "--subscribe", "x");
    assertEquals(2, noSecret.code());
    assertTrue(noSecret.err().startsWith("token: test.json has no auth.hs256Secret;"), noSecret.err());
    Run badTtl = run(WITH_SECRET, "--subscribe", "x", "--ttl", "5x");
    assertEquals(2, badTtl.code());
    assertTrue(badTtl.err().startsWith("token: --ttl must be a positive number with s, m, h or d (such as 1h),"
        + " not 5x"), badTtl.err());
    assertEquals(2, run(WITH_SECRET).code(), "no selector at all");
    assertEquals(90, TokenOptions.seconds("90s"));
    assertEquals(604_800, TokenOptions.seconds("7d"));
    assertThrows(IllegalArgumentException.class, () -> TokenOptions.seconds("-1h"));
  }

  /** The hub would refuse these selectors in a token, so the command refuses to mint them. */
  @Test
  void refusesSelectorsTheHubWouldRefuse() throws Exception {
    assertRefused("token: invalid --subscribe selector \"a b\": a topic name must not contain whitespace"
        + " (U+0020 found)", "--subscribe", "a b");
    assertRefused("token: invalid --publish selector \"a,b\": a topic name must not contain commas",
        "--subscribe", "x", "--publish", "a,b");
    assertRefused("token: invalid --subscribe selector \"\": a selector must not be empty (* stands for every topic)",
        "--subscribe", "");
    assertRefused("token: invalid --publish selector \"a*b\": a * may only end a selector, as in orders/*",
        "--publish", "a*b");
    assertRefused("token: invalid --subscribe selector \"a\\u000Ab\": a topic name must not contain control"
        + " characters (U+000A found)", "--subscribe", "a\nb");
  }

  private static void assertRefused(String message, String... args) throws Exception {
    Run run = run(WITH_SECRET, args);
    assertEquals(2, run.code(), run.err());
    assertEquals("", run.out(), "no token");
    assertEquals(message, run.err().lines().findFirst().orElseThrow());
  }
}
