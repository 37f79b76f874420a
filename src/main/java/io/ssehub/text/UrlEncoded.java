package io.ssehub.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * {@code application/x-www-form-urlencoded}, as query strings and form bodies carry it, decoded strictly: names are
 * case-sensitive (so {@code ACCESS_TOKEN} is not {@code access_token}), {@code +} is a space, {@code %XX} a byte, and
 * the decoded bytes must be UTF-8. Vert.x's decoders instead match names without case and turn bad bytes into U+FFFD
 * without a word, so a client's mistake would pass unseen. Errors say what is wrong, escaped, never the whole input.
 */
public final class UrlEncoded {

  /** The value that replaces a credential's in {@link #redacted}. */
  public static final String REDACTED = "[redacted]";

  private UrlEncoded() {
  }

  /** Why some text is not well-formed; the message is safe to show (the offending bytes escaped, nothing more). */
  public static final class Malformed extends IllegalArgumentException {
    Malformed(String message) {
      super(message);
    }
  }

  /** A decoded name and value; a piece without {@code =} has the value {@code ""}. */
  public record Param(String name, String value) {
  }

  /** Every parameter, in order. */
  public static List<Param> decode(byte[] raw) {
    List<Param> params = new ArrayList<>();
    decode(raw, (name, value) -> params.add(new Param(name, value)));
    return params;
  }

  /**
   * Hands each parameter, in order, to {@code each}, which may throw to stop early: a form's reader refuses the first
   * field too many rather than holding thousands.
   *
   * @throws Malformed at the first malformed piece
   */
  public static void decode(byte[] raw, BiConsumer<String, String> each) {
    int start = 0;
    while (start <= raw.length) {
      int end = indexOf(raw, (byte) '&', start, raw.length);
      if (end > start) {
        int equals = indexOf(raw, (byte) '=', start, end);
        String name = component(raw, start, equals);
        String value = equals == end ? "" : component(raw, equals + 1, end);
        each.accept(name, value);
      }
      start = end + 1;
    }
  }

  private static int indexOf(byte[] raw, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (raw[i] == wanted) {
        return i;
      }
    }
    return to;
  }

  private static String component(byte[] raw, int from, int to) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = raw[i];
      if (b == '+') {
        bytes.write(' ');
      } else if (b == '%') {
        int high = i + 2 < to ? hex(raw[i + 1]) : -1;
        int low = i + 2 < to ? hex(raw[i + 2]) : -1;
        if (high < 0 || low < 0) {
          byte[] escape = Arrays.copyOfRange(raw, i, Math.min(to, i + 3));
          throw new Malformed("invalid percent-encoding " + SafeText.quoteBytes(escape) + ": % must be followed by two"
              + " hex digits");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(b);
      }
    }
    byte[] decoded = bytes.toByteArray();
    if (Utf8.firstInvalid(decoded, 0, decoded.length) >= 0) {
      // Say which kind of bytes are wrong: raw ones (a client that did not encode the URL) or escaped ones.
      int rawBad = Utf8.firstInvalid(raw, from, to);
      if (rawBad >= 0) {
        throw new Malformed(String.format("the raw byte 0x%02X is not UTF-8 (send non-ASCII text as percent-encoded"
            + " UTF-8)", raw[rawBad] & 0xff));
      }
      throw new Malformed("percent-encoded bytes that are not UTF-8 (send non-ASCII text as percent-encoded"
          + " UTF-8)");
    }
    return new String(decoded, StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  /**
   * The text with the value of every credential parameter replaced by {@value #REDACTED}, for messages and logs.
   * Credentials ({@code access_token}, and Mercure's {@code authorization}) are matched far more loosely than they
   * are accepted (any case, any percent-encoding, any punctuation between the words: {@code ACCESS-Token},
   * {@code access%5Ftoken}), so that no spelling of a token reaches a log.
   *
   * @param raw query string or form text, one char per byte (as the request line is read)
   */
  public static String redacted(String raw) {
    if (raw == null || raw.isEmpty()) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    int start = 0;
    while (start <= raw.length()) {
      int end = raw.indexOf('&', start);
      end = end < 0 ? raw.length() : end;
      int equals = raw.indexOf('=', start);
      if (equals >= 0 && equals < end && isCredential(raw.substring(start, equals))) {
        out.append(raw, start, equals + 1).append(REDACTED);
      } else {
        out.append(raw, start, end);
      }
      if (end < raw.length()) {
        out.append('&');
      }
      start = end + 1;
    }
    return out.toString();
  }

  private static boolean isCredential(String rawName) {
    StringBuilder letters = new StringBuilder();
    String name = lenientlyDecoded(rawName).toLowerCase(Locale.ROOT);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        letters.append(c);
      }
    }
    // access_token, and Mercure 0.x's authorization parameter.
    return letters.toString().equals("accesstoken") || letters.toString().equals("authorization");
  }

  /** Percent escapes decoded where they are well-formed, one char per byte; for matching names only. */
  private static String lenientlyDecoded(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      int high = c == '%' && i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
      if (low >= 0) {
        out.append((char) (high * 16 + low));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
