package io.ssehub.auth;

import io.ssehub.text.SafeText;

import java.util.ArrayList;
import java.util.List;

/**
 * The token command's command line.
 *
 * @param conf       the configuration file named, or null for the conventional one
 * @param subscribe  selectors of the topics the bearer may subscribe to, each valid
 * @param publish    selectors of the topics the bearer may publish to, each valid
 * @param ttlSeconds the token's lifetime, at most {@value #MAX_TTL_DAYS} days; 0 for a token that never expires
 * @param subject    the {@code sub} claim, or null
 * @param help       whether usage was asked for (the other fields are then empty)
 */
record TokenOptions(String conf, List<String> subscribe, List<String> publish, long ttlSeconds, String subject,
                    boolean help) {

  /** The lifetime when {@code --ttl} is not given. */
  static final String DEFAULT_TTL = "1h";

  /**
   * The longest {@code --ttl}. A token is a bearer credential that the hub cannot revoke: one that leaks stays good
   * until it expires or the secret changes, so a lifetime is required and bounded, and a token that never expires
   * must be asked for by name ({@code --no-expiry}).
   */
  static final int MAX_TTL_DAYS = 30;

  private static final long MAX_TTL_SECONDS = MAX_TTL_DAYS * 86_400L;

  static final String USAGE = String.join("\n",
      "Usage: java -jar ssehub.jar token [--conf FILE] [--subscribe SELECTOR]... [--publish SELECTOR]...",
      "                                 [--ttl DURATION | --no-expiry] [--sub SUBJECT]",
      "",
      "Prints a JSON Web Token signed with auth.hs256Secret of the configuration (the file, with the",
      "same environment and -D overrides as the server: SSEHUB_AUTH_HS256_SECRET).",
      "",
      "  --conf FILE          configuration file (default conf/config.json when it exists)",
      "  --subscribe SEL      a topic the bearer may subscribe to: a topic, a prefix ending in *, or *",
      "  --publish SEL        a topic the bearer may publish to (same forms)",
      "  --ttl DURATION       lifetime: a number with s, m, h or d, at most " + MAX_TTL_DAYS + "d (default "
          + DEFAULT_TTL + ")",
      "  --no-expiry          no exp claim: the token is valid until the secret changes (a warning",
      "                       says so); not with --ttl",
      "  --sub SUBJECT        the token's subject (sub claim)");

  /** @throws IllegalArgumentException with a message for the user when the arguments are not understood */
  static TokenOptions parse(String... args) {
    String conf = null;
    List<String> subscribe = new ArrayList<>();
    List<String> publish = new ArrayList<>();
    String ttl = null;
    boolean noExpiry = false;
    String subject = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("-h") || option.equals("--help")) {
        return new TokenOptions(null, List.of(), List.of(), 0, null, true);
      }
      if (option.equals("--no-expiry")) {
        noExpiry = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--conf" -> conf = value;
        case "--subscribe" -> subscribe.add(selector(option, value));
        case "--publish" -> publish.add(selector(option, value));
        case "--ttl" -> ttl = value;
        case "--sub" -> subject = value;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (subscribe.isEmpty() && publish.isEmpty()) {
      throw new IllegalArgumentException("give at least one --subscribe or --publish selector");
    }
    if (noExpiry && ttl != null) {
      throw new IllegalArgumentException("give --ttl or --no-expiry, not both");
    }
    long ttlSeconds = noExpiry ? 0 : seconds(ttl == null ? DEFAULT_TTL : ttl);
    return new TokenOptions(conf, List.copyOf(subscribe), List.copyOf(publish), ttlSeconds, subject, false);
  }

  /** A selector as given, once it passed the rules the hub reads tokens by (it would refuse the token otherwise). */
  private static String selector(String option, String text) {
    String problem = TopicSelector.problem(text);
    if (problem != null) {
      throw new IllegalArgumentException("invalid " + option + " selector " + SafeText.quote(text) + ": " + problem);
    }
    return text;
  }

  /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d} as seconds, at most {@value #MAX_TTL_DAYS} days. */
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
        if (unit > 0 && value > 0) {
          if (value > MAX_TTL_SECONDS / unit) {
            throw new IllegalArgumentException("--ttl must be at most " + MAX_TTL_DAYS + "d, the longest a minted"
                + " token may live, not " + duration);
          }
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
