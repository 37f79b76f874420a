package io.ssehub.auth;

import io.ssehub.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code java -jar ssehub.jar token ...}: mints a token with the configured HS256 secret, for development and tests.
 * Production tokens come from the application that knows its users.
 */
public final class TokenCommand {

  private TokenCommand() {
  }

  /**
   * Runs the command; returns the exit code (0, or 2 for a bad command line or configuration).
   *
   * @param loadConfig loads the configuration from a file name, or the conventional one when null
   */
  public static int run(String[] args, Function<String, ServerConfig> loadConfig, PrintStream out, PrintStream err)
      throws Exception {
    TokenOptions options;
    try {
      options = TokenOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("token: " + e.getMessage());
      err.println(TokenOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(TokenOptions.USAGE);
      return 0;
    }
    ServerConfig config;
    try {
      config = loadConfig.apply(options.conf());
    } catch (RuntimeException e) {
      err.println("token: invalid configuration: " + e.getMessage());
      return 2;
    }
    if (config.auth().hs256Secret() == null) {
      err.println("token: " + config.source() + " has no auth.hs256Secret; set it (or SSEHUB_AUTH_HS256_SECRET) to"
          + " mint tokens; an RS256 or ES256 public key can only verify them");
      return 2;
    }
    JsonObject claims = new JsonObject().put(Grants.CLAIM, new JsonObject()
        .put("subscribe", new JsonArray(options.subscribe())).put("publish", new JsonArray(options.publish())));
    if (options.subject() != null) {
      claims.put("sub", options.subject());
    }
    Vertx vertx = Vertx.vertx();
    try {
      out.println(TokenVerifier.create(vertx, config.auth()).mint(claims, options.ttlSeconds()));
      if (options.ttlSeconds() == 0) {
        err.println("token: warning: this token never expires; whoever holds it keeps its grants until"
            + " auth.hs256Secret changes");
      }
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
