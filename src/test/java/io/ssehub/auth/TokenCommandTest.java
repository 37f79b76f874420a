package io.ssehub.auth;

import io.ssehub.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /** What the hub's verifier makes of a token. */
  private static Grants verify(String token) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      return TokenVerifier.create(vertx, ServerConfig.fromJson("test.json", WITH_SECRET).auth())
          .verify(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A token's claims as anyone can read them: the base64url middle part. */
  private static JsonObject payload(String token) {
    String[] parts = token.split("\\.");
    assertEquals(3, parts.length, token);
    return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  @Test
  void mintsATokenTheHubAccepts() throws Exception {
    Run run = run(WITH_SECRET, "--subscribe", "orders/*", "--publish", "news", "--ttl", "2h", "--sub", "dev");
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err());
    Grants grants = verify(run.out());
    assertEquals(List.of(new TopicSelector("orders/", true)), grants.subscribe());
    assertEquals(List.of(new TopicSelector("news", false)), grants.publish());
    long expiresIn = grants.expiresAtMillis() - System.currentTimeMillis();
    assertTrue(expiresIn > 7_100_000 && expiresIn <= 7_200_000, "two hours: " + expiresIn);
  }

  @Test
  void everyTokenExpiresItsTtlAfterItWasIssued() throws Exception {
    // "" stands for no --ttl at all.
    Map<String, Long> lifetimes = Map.of("", 3600L, "90s", 90L, "2h", 7200L, "30d", 2_592_000L, "720h", 2_592_000L);
    for (Map.Entry<String, Long> lifetime : lifetimes.entrySet()) {
      List<String> args = new ArrayList<>(List.of("--subscribe", "x"));
      if (!lifetime.getKey().isEmpty()) {
        args.addAll(List.of("--ttl", lifetime.getKey()));
      }
      Run run = run(WITH_SECRET, args.toArray(String[]::new));
      assertEquals(0, run.code(), run.err());
      JsonObject claims = payload(run.out());
      assertEquals(lifetime.getValue(), claims.getLong("exp") - claims.getLong("iat"), "--ttl " + lifetime.getKey());
    }
  }

  @Test
  void theTtlIsAtMost30Days() throws Exception {
    for (String ttl : List.of("31d", "721h", "43201m", "2592001s", "9999999999d")) {
      assertRefused("token: --ttl must be at most 30d, the longest a minted token may live, not " + ttl,
          "--subscribe", "x", "--ttl", ttl);
    }
  }

  /** A token without exp is the bearer's until the secret changes: only on request, and never silently. */
  @Test
  void noExpiryMintsWithoutExpAndWarns() throws Exception {
    Run run = run(WITH_SECRET, "--no-expiry", "--subscribe", "x");
    assertEquals(0, run.code(), run.err());
    assertEquals("token: warning: this token never expires; whoever holds it keeps its grants until"
        + " auth.hs256Secret changes\n", run.err());
    JsonObject claims = payload(run.out());
    assertFalse(claims.containsKey("exp"), claims.encode());
    assertTrue(claims.containsKey("iat"), claims.encode());
    Grants grants = verify(run.out());
    assertEquals(0, grants.expiresAtMillis());
    assertEquals(List.of(new TopicSelector("x", false)), grants.subscribe());
    assertRefused("token: give --ttl or --no-expiry, not both", "--subscribe", "x", "--ttl", "1h", "--no-expiry");
    assertRefused("token: give --ttl or --no-expiry, not both", "--no-expiry", "--ttl", "1h", "--subscribe", "x");
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
