package io.ssehub.config;

import io.ssehub.config.AuthConfig.PublishMode;
import io.ssehub.config.AuthConfig.SubscribeMode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * The {@code mercure} section: the Mercure protocol at {@code /.well-known/mercure}, beside the hub's own API.
 *
 * @param enabled            whether the endpoint is served
 * @param anonymous          whether subscribers without a token are served (they receive public updates only)
 * @param publisherKeys      how publishers' tokens are verified: {@code publisherHs256Secret} /
 *                           {@code publisherPublicKeyPath}, else the {@code auth} keys
 * @param subscriberKeys     how subscribers' tokens are verified: {@code subscriberHs256Secret} /
 *                           {@code subscriberPublicKeyPath}, else the publishers' keys
 * @param cookieNames        cookies a subscriber (or, from {@code publishOrigins}, a publisher) may carry its token in,
 *                           the first present wins
 * @param authorizationParam whether subscribers may send their token in the 0.x {@code authorization} query parameter
 * @param publishOrigins     origins whose pages may publish with a cookie (the CSRF rule); others need the header
 * @param maxSelectors       most topic selectors one subscription may give
 * @param maxSelectorLength  longest selector, in characters
 * @param patternCacheSize   compiled URL patterns and URI templates kept for reuse
 * @param subscriptions      whether the hub publishes subscription events and serves the subscriptions API
 * @param hubUrl             the hub's public URL ({@code https://hub.example.com/.well-known/mercure}), against whose
 *                           origin relative topics and patterns are resolved; null: the origin each request reached
 */
public record MercureConfig(boolean enabled, boolean anonymous, AuthConfig publisherKeys, AuthConfig subscriberKeys,
                            List<String> cookieNames, boolean authorizationParam, List<String> publishOrigins,
                            int maxSelectors, int maxSelectorLength, int patternCacheSize, boolean subscriptions,
                            String hubUrl) {

  public static final List<String> DEFAULT_COOKIES = List.of("__Secure-mercure_access_token", "mercureAuthorization");
  public static final int DEFAULT_MAX_SELECTORS = 64;
  public static final int DEFAULT_MAX_SELECTOR_LENGTH = 1024;
  public static final int DEFAULT_PATTERN_CACHE_SIZE = 1000;

  static final Set<String> KEYS = Set.of("enabled", "anonymous", "publisherHs256Secret", "publisherPublicKeyPath",
      "subscriberHs256Secret", "subscriberPublicKeyPath", "publicKeyAlgorithm", "audience", "issuer", "cookieNames",
      "authorizationParam", "publishOrigins", "maxSelectors", "maxSelectorLength", "patternCacheSize",
      "subscriptions", "hubUrl");

  static MercureConfig read(ConfigSection section, AuthConfig auth) {
    boolean enabled = section.bool("enabled", false);
    String algorithm = section.oneOf("publicKeyAlgorithm", auth.publicKeyAlgorithm(), List.of("RS256", "ES256"));
    String audience = section.string("audience", auth.audience());
    String issuer = section.string("issuer", auth.issuer());
    AuthConfig publisher = keys(section, "publisher", auth.hs256Secret(), auth.publicKeyPem(), algorithm, audience,
        issuer);
    AuthConfig subscriber = keys(section, "subscriber", publisher.hs256Secret(), publisher.publicKeyPem(), algorithm,
        audience, issuer);
    if (enabled && publisher.hs256Secret() == null && publisher.publicKeyPem() == null) {
      throw section.error("publisherHs256Secret", "is missing; Mercure publishers always need a token, so set"
          + " mercure.publisherHs256Secret, mercure.publisherPublicKeyPath, auth.hs256Secret or auth.publicKeyPath");
    }
    for (String origin : section.strings("publishOrigins", List.of())) {
      if (origin.equals("*")) {
        throw section.error("publishOrigins", "\"*\" would let any page publish with a visitor's cookie; list the"
            + " origins");
      }
    }
    return new MercureConfig(enabled, section.bool("anonymous", true), publisher, subscriber,
        section.strings("cookieNames", DEFAULT_COOKIES), section.bool("authorizationParam", false),
        section.strings("publishOrigins", List.of()),
        section.integer("maxSelectors", DEFAULT_MAX_SELECTORS, 1, 1024),
        section.integer("maxSelectorLength", DEFAULT_MAX_SELECTOR_LENGTH, 16, 8192),
        section.integer("patternCacheSize", DEFAULT_PATTERN_CACHE_SIZE, 16, 1_000_000),
        section.bool("subscriptions", false), hubUrl(section));
  }

  private static String hubUrl(ConfigSection section) {
    String url = section.string("hubUrl", null);
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getRawAuthority() == null
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new URISyntaxException(url, "not an absolute http(s) URL without query or fragment");
      }
    } catch (URISyntaxException e) {
      throw section.error("hubUrl", ConfigSection.render(url) + " must be the hub's absolute http(s) URL, such as"
          + " https://hub.example.com/.well-known/mercure");
    }
    return url;
  }

  /** The keys for {@code role}'s tokens, as an {@link AuthConfig} that a token verifier is built from. */
  private static AuthConfig keys(ConfigSection section, String role, String secret, String pem, String algorithm,
                                 String audience, String issuer) {
    String ownSecret = AuthConfig.secret(section, role + "Hs256Secret");
    String ownPem = AuthConfig.pem(section, role + "PublicKeyPath");
    if (ownSecret != null || ownPem != null) {
      secret = ownSecret;
      pem = ownPem;
    }
    return new AuthConfig(PublishMode.REQUIRED, SubscribeMode.REQUIRED, List.of(), secret, pem, algorithm, audience,
        issuer, AuthConfig.DEFAULT_COOKIE);
  }
}
