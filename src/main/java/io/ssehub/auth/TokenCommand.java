package io.ssehub.auth;

import io.ssehub.config.ServerConfig;
import io.ssehub.text.SafeText;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code java -jar ssehub.jar token ...}: mints a token with the configured HS256 secret, for development and tests.
 * Production tokens come from the application that knows its users.
 */
public final class TokenCommand {

  static final String USAGE = String.join("\n",
      "Usage: java -jar ssehub.jar token [--conf FILE] [--subscribe SELECTOR]... [--publish SELECTOR]...",
      "                                 [--ttl DURATION] [--sub SUBJECT]",
      "",
      "Prints a JSON Web Token signed with auth.hs256Secret of the configuration (the file, with the",
      "same environment and -D overrides as the server: SSEHUB_AUTH_HS256_SECRET).",
      "",
      "  --conf FILE          configuration file (default conf/config.json when it exists)",
      "  --subscribe SEL      a topic the bearer may subscribe to: a topic, a prefix ending in *, or *",
      "  --publish SEL        a topic the bearer may publish to (same forms)",
      "  --ttl DURATION       lifetime: a number with s, m, h or d (default 1h)",
      "  --sub SUBJECT        the token's subject (sub claim)");

  private TokenCommand() {
  }

  /**
   * Runs the command; returns the exit code (0, or 2 for a bad command line or configuration).
   *
   * @param loadConfig loads the configuration from a file name, or the conventional one when null
   */
  public static int run(String[] args, Function<String, ServerConfig> loadConfig, PrintStream out, PrintStream err)
      throws Exception {
    String conf = null;
    List<String> subscribe = new ArrayList<>();
    List<String> publish = new ArrayList<>();
    long ttlSeconds = 3600;
    String subject = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("-h") || option.equals("--help")) {
          out.println(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + option + " needs a value");
        }
        String value = args[++i];
        switch (option) {
          case "--conf" -> conf = value;
          case "--subscribe" -> subscribe.add(selector(option, value));
          case "--publish" -> publish.add(selector(option, value));
          case "--ttl" -> ttlSeconds = seconds(value);
          case "--sub" -> subject = value;
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      if (subscribe.isEmpty() && publish.isEmpty()) {
        throw new IllegalArgumentException("give at least one --subscribe or --publish selector");
      }
    } catch (IllegalArgumentException e) {
      err.println("token: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    ServerConfig config;
    try {
      config = loadConfig.apply(conf);
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
        .put("subscribe", new JsonArray(subscribe)).put("publish", new JsonArray(publish)));
    if (subject != null) {
      claims.put("sub", subject);
    }
    Vertx vertx = Vertx.vertx();
    try {
      out.println(TokenVerifier.create(vertx, config.auth()).mint(claims, ttlSeconds));
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A selector as given, once it passed the rules the hub reads tokens by (it would refuse the token otherwise). */
  private static String selector(String option, String text) {
    String problem = TopicSelector.problem(text);
    if (problem != null) {
      throw new IllegalArgumentException("invalid " + option + " selector " + SafeText.quote(text) + ": " + problem);
    }
    return text;
  }

  /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d} as seconds. */
  static long seconds(String duration) {
    if (duration.length() >= 2) {
      String number = duration.substring(0, duration.length() - 1);
      long unit = switch (duration.charAt(duration.length() - 1)) {
        case 's' -> 1;
        case 'm' -> 60;
        case 'h' -> 3600;
        case 'd' -> 86_400;
        default -> 0;
      };
      try {
        long value = Long.parseLong(number);
        if (unit > 0 && value > 0 && value <= Integer.MAX_VALUE / unit) {
          return value * unit;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("--ttl must be a positive number with s, m, h or d (such as 1h), not "
        + duration);
  }
}
