package io.ssehub.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Checks the types of a token's registered claims before anything reads them: {@code exp}, {@code nbf} and
 * {@code iat} must be numbers (RFC 7519 NumericDate), {@code aud} a string or an array of strings, {@code iss},
 * {@code sub} and {@code jti} strings, and {@code ssehub} an object. The JWT library casts these claims without
 * looking, so a signed token with {@code "exp": "1795980000"} would otherwise fail with a ClassCastException (a 500)
 * instead of a 401. A payload that cannot be decoded at all is left to the library, which refuses it as malformed.
 */
final class ClaimTypes {

  private static final List<String> NUMERIC_DATES = List.of("exp", "nbf", "iat");
  private static final List<String> STRINGS = List.of("iss", "sub", "jti");

  private ClaimTypes() {
  }

  /**
   * @throws InvalidToken naming the first claim of the wrong type (never its value: it comes from the token)
   */
  static void check(String token) {
    JsonObject claims = payload(token);
    if (claims == null) {
      return;
    }
    for (String name : NUMERIC_DATES) {
      if (claims.containsKey(name) && !(claims.getValue(name) instanceof Number)) {
        throw wrongType(name, claims.getValue(name), "a number (seconds since 1970-01-01T00:00:00Z)");
      }
    }
    for (String name : STRINGS) {
      if (claims.containsKey(name) && !(claims.getValue(name) instanceof String)) {
        throw wrongType(name, claims.getValue(name), "a string");
      }
    }
    Object audience = claims.getValue("aud");
    if (claims.containsKey("aud") && !isStringOrStrings(audience)) {
      throw new InvalidToken("its \"aud\" claim is " + (audience instanceof JsonArray
          ? "an array holding something other than strings" : kind(audience)) + "; it must be a string or an array of"
          + " strings");
    }
    if (claims.containsKey(Grants.CLAIM) && !(claims.getValue(Grants.CLAIM) instanceof JsonObject)) {
      throw wrongType(Grants.CLAIM, claims.getValue(Grants.CLAIM), "an object");
    }
  }

  /** The decoded payload of a compact JWS ({@code header.payload.signature}), or null when it is not one. */
  private static JsonObject payload(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      return null;
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
      return new JsonObject(new String(json, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static boolean isStringOrStrings(Object value) {
    if (value instanceof String) {
      return true;
    }
    return value instanceof JsonArray array && array.stream().allMatch(item -> item instanceof String);
  }

  private static InvalidToken wrongType(String claim, Object value, String expected) {
    return new InvalidToken("its \"" + claim + "\" claim is " + kind(value) + "; it must be " + expected);
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return "an object";
  }
}
