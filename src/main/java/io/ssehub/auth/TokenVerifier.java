package io.ssehub.auth;

import io.ssehub.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Verifies JSON Web Tokens with the configured keys (an HS256 secret, an RS256 or ES256 public key, or both): the
 * signature, {@code exp} and {@code nbf}, and {@code aud} and {@code iss} when configured, once the claims' types are
 * known to be right ({@link ClaimTypes}). Unsigned tokens ({@code alg: none}) never verify. Failures are told in
 * general words; the token is never repeated.
 */
public final class TokenVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);

  private final JWTAuth jwt;
  private final AuthConfig config;

  private TokenVerifier(JWTAuth jwt, AuthConfig config) {
    this.jwt = jwt;
    this.config = config;
  }

  /** A verifier for the configured keys; the config must name at least one. */
  public static TokenVerifier create(Vertx vertx, AuthConfig config) {
    JWTAuthOptions options = new JWTAuthOptions();
    if (config.hs256Secret() != null) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.hs256Secret()));
    }
    if (config.publicKeyPem() != null) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(config.publicKeyAlgorithm())
          .setBuffer(config.publicKeyPem()));
    }
    JWTOptions jwtOptions = new JWTOptions();
    if (config.audience() != null) {
      jwtOptions.setAudience(List.of(config.audience()));
    }
    if (config.issuer() != null) {
      jwtOptions.setIssuer(config.issuer());
    }
    options.setJWTOptions(jwtOptions);
    return new TokenVerifier(JWTAuth.create(vertx, options), config);
  }

  /** The grants of a valid token; fails with {@link InvalidToken} otherwise. */
  public Future<Grants> verify(String token) {
    return claims(token).map(Grants::fromClaims);
  }

  /**
   * The claims of a valid token, {@code exp} among them, for a protocol that reads grants of its own (Mercure);
   * fails with {@link InvalidToken} otherwise.
   */
  public Future<JsonObject> claims(String token) {
    Future<User> authenticated;
    try {
      ClaimTypes.check(token);
      authenticated = jwt.authenticate(new TokenCredentials(token));
    } catch (InvalidToken e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      // The library throws, rather than fails, on some payloads it did not expect; still a bad token, not a bug here.
      LOG.debug("The JWT library threw on a token", e);
      return Future.failedFuture(new InvalidToken(reason(e)));
    }
    return authenticated
        .recover(failure -> Future.failedFuture(new InvalidToken(reason(failure))))
        // The decoded token, with exp (the principal leaves the registered claims out).
        .map(user -> user.attributes().getJsonObject("accessToken", user.principal()));
  }

  /**
   * Signs a token with the HS256 secret, for development and tests ({@code java -jar ssehub.jar token}).
   *
   * @param claims     the claims, {@code ssehub} among them
   * @param ttlSeconds seconds until {@code exp}; 0 for a token without {@code exp}, which never expires
   */
  public String mint(JsonObject claims, long ttlSeconds) {
    if (config.hs256Secret() == null) {
      throw new IllegalStateException("minting needs auth.hs256Secret: an RS256 or ES256 public key can only verify");
    }
    JWTOptions options = new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds((int) ttlSeconds);
    if (config.audience() != null) {
      options.setAudience(List.of(config.audience()));
    }
    if (config.issuer() != null) {
      options.setIssuer(config.issuer());
    }
    return jwt.generateToken(claims, options);
  }

  private static String reason(Throwable failure) {
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("expired")) {
      return "it has expired or is not valid yet";
    }
    if (message.contains("audience")) {
      return "its audience (aud) is not this hub's";
    }
    if (message.contains("issuer")) {
      return "its issuer (iss) is not the one this hub trusts";
    }
    if (message.contains("none")) {
      return "it is not signed (alg: none)";
    }
    return "it is malformed, or not signed with a key this hub trusts";
  }
}
