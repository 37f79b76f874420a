package io.ssehub.http;

import io.ssehub.text.SafeText;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** Reads query parameters, turning a malformed query string into a 400 that says what is wrong with it. */
public final class QueryParams {

  private static final String CHECKED = "ssehub.queryUtf8Checked";
  private static final Pattern TOKEN_VALUE = Pattern.compile("((?:^|&)access_token=)[^&]*");

  private QueryParams() {
  }

  /** Every value of {@code name} in the query string, decoded. */
  public static List<String> all(RoutingContext ctx, String name) {
    List<String> values;
    try {
      values = ctx.queryParam(name);
    } catch (HttpException e) {
      throw malformed(ctx, "invalid percent-encoding");
    }
    if (ctx.get(CHECKED) == null) {
      // The decoder above turns bytes that are not UTF-8 into U+FFFD without a word; a topic or an id made of
      // replacement characters is not what the client meant.
      if (!isUtf8(ctx.request().query())) {
        throw malformed(ctx, "percent-encoded bytes that are not UTF-8");
      }
      ctx.put(CHECKED, Boolean.TRUE);
    }
    return values;
  }

  private static ClientError malformed(RoutingContext ctx, String why) {
    return new ClientError(400, "Malformed query string " + SafeText.quote(redacted(ctx.request().query()))
        + ": " + why);
  }

  /** Whether the percent-decoded bytes of the query are UTF-8 (malformed escapes are the decoder's to report). */
  static boolean isUtf8(String query) {
    if (query == null || query.indexOf('%') < 0) {
      return true;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '%' && i + 2 < query.length() && Character.digit(query.charAt(i + 1), 16) >= 0
          && Character.digit(query.charAt(i + 2), 16) >= 0) {
        bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** A query string fit for messages and logs: the value of {@code access_token} (a credential) is hidden. */
  static String redacted(String query) {
    return query == null ? null : TOKEN_VALUE.matcher(query).replaceAll("$1[redacted]");
  }

  /** The request's URI with {@link #redacted} query. */
  static String redactedUri(RoutingContext ctx) {
    String query = ctx.request().query();
    return query == null ? ctx.request().path() : ctx.request().path() + "?" + redacted(query);
  }
}
