package io.ssehub.config;

import io.ssehub.event.Topic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code auth} section: who may subscribe and publish, checked with JSON Web Tokens.
 *
 * @param publish           {@code off} or {@code required}: publishers send {@code Authorization: Bearer <token>}
 * @param subscribe         {@code off}, {@code optional} (anonymous clients get only {@code publicTopics}) or
 *                          {@code required}
 * @param publicTopics      topics anyone may subscribe to when {@code subscribe} is {@code optional}
 * @param hs256Secret       shared secret for HS256 tokens (at least 32 bytes), or null
 * @param publicKeyPem      PEM public key for RS256 or ES256 tokens, read from {@code publicKeyPath}, or null
 * @param publicKeyAlgorithm {@code RS256} or {@code ES256}, the algorithm of the public key
 * @param audience          required {@code aud} of every token, or null not to check it
 * @param issuer            required {@code iss} of every token, or null not to check it
 * @param cookieName        the cookie a browser subscriber may carry its token in
 */
public record AuthConfig(PublishMode publish, SubscribeMode subscribe, List<Topic> publicTopics, String hs256Secret,
                         String publicKeyPem, String publicKeyAlgorithm, String audience, String issuer,
                         String cookieName) {

  /** Whether publishers need a token ({@code auth.publish}). */
  public enum PublishMode { OFF, REQUIRED }

  /** Whether subscribers need a token ({@code auth.subscribe}); {@code OPTIONAL}: anonymous ones get public topics. */
  public enum SubscribeMode { OFF, OPTIONAL, REQUIRED }

  public static final PublishMode DEFAULT_PUBLISH = PublishMode.OFF;
  public static final SubscribeMode DEFAULT_SUBSCRIBE = SubscribeMode.OFF;
  public static final String DEFAULT_PUBLIC_KEY_ALGORITHM = "RS256";
  public static final String DEFAULT_COOKIE = "ssehubAuthorization";
  public static final int MIN_SECRET_BYTES = 32;

  static final Set<String> KEYS = Set.of("publish", "subscribe", "publicTopics", "hs256Secret", "publicKeyPath",
      "publicKeyAlgorithm", "audience", "issuer", "cookieName");

  public boolean publishRequired() {
    return publish == PublishMode.REQUIRED;
  }

  public boolean subscribeChecked() {
    return subscribe != SubscribeMode.OFF;
  }

  static AuthConfig read(ConfigSection section) {
    PublishMode publish = section.oneOf("publish", DEFAULT_PUBLISH, PublishMode.values());
    SubscribeMode subscribe = section.oneOf("subscribe", DEFAULT_SUBSCRIBE, SubscribeMode.values());
    List<String> names = section.strings("publicTopics", List.of());
    List<Topic> publicTopics = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      try {
        publicTopics.add(Topic.of(names.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(section.source(), section.pathOf("publicTopics") + "[" + i + "]",
            ConfigSection.render(names.get(i)) + " is not a valid topic: " + e.getMessage());
      }
    }
    String secret = secret(section, "hs256Secret");
    String pem = pem(section, "publicKeyPath");
    String algorithm = section.oneOf("publicKeyAlgorithm", DEFAULT_PUBLIC_KEY_ALGORITHM, List.of("RS256", "ES256"));
    if ((publish == PublishMode.REQUIRED || subscribe != SubscribeMode.OFF) && secret == null && pem == null) {
      throw section.error(secret == null ? "hs256Secret" : "publicKeyPath", "is missing; auth.publish or"
          + " auth.subscribe is on, so tokens need a key: set auth.hs256Secret or auth.publicKeyPath");
    }
    return new AuthConfig(publish, subscribe, List.copyOf(publicTopics), secret, pem, algorithm,
        section.string("audience", null), section.string("issuer", null),
        section.string("cookieName", DEFAULT_COOKIE));
  }

  /** An HS256 secret under {@code key}, at least {@value #MIN_SECRET_BYTES} bytes; null when absent. */
  static String secret(ConfigSection section, String key) {
    String secret = section.string(key, null);
    if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      // Never echo a secret, not even a short one.
      throw section.error(key, "is " + secret.getBytes(StandardCharsets.UTF_8).length + " bytes; an HS256"
          + " secret must be at least " + MIN_SECRET_BYTES + " bytes (256 bits)");
    }
    return secret;
  }

  /** The PEM public key in the file {@code key} names; null when the key is absent. */
  static String pem(ConfigSection section, String key) {
    String keyPath = section.string(key, null);
    return keyPath == null ? null : readPem(section, key, keyPath);
  }

  private static String readPem(ConfigSection section, String key, String keyPath) {
    String pem;
    try {
      pem = Files.readString(Path.of(keyPath), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw section.error(key, ConfigSection.render(keyPath) + " cannot be read: " + e.getMessage());
    }
    if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
      throw section.error(key, ConfigSection.render(keyPath) + " holds no PEM public key (-----BEGIN"
          + " PUBLIC KEY-----)");
    }
    return pem;
  }

  @Override
  public String toString() {
    // Records print every component; a secret must never reach a log.
    return "AuthConfig[publish=" + publish.name().toLowerCase(Locale.ROOT) + ", subscribe="
        + subscribe.name().toLowerCase(Locale.ROOT) + ", publicTopics=" + publicTopics
        + ", hs256Secret=" + (hs256Secret == null ? "none" : "(set)") + ", publicKey="
        + (publicKeyPem == null ? "none" : publicKeyAlgorithm) + ", audience=" + audience + ", issuer=" + issuer
        + ", cookieName=" + cookieName + "]";
  }
}
