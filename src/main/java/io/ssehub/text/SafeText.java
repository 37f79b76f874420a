package io.ssehub.text;

import java.nio.charset.StandardCharsets;

/**
 * Renders untrusted text for error messages and logs: quoted, with control, format and separator characters
 * escaped as {@code \\uXXXX}, and long values shortened. A client's input is never echoed raw, so it cannot forge
 * log lines or inject markup.
 */
public final class SafeText {

  /** Longest part of a value that is shown, in code points. */
  public static final int MAX_SHOWN = 64;

  private SafeText() {
  }

  public static String quote(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 16).append('"');
    int shown = 0;
    for (int i = 0; i < value.length(); ) {
      if (shown == MAX_SHOWN) {
        return shortened(out, value.codePointCount(0, value.length()) + " characters");
      }
      int cp = value.codePointAt(i);
      append(out, cp);
      i += Character.charCount(cp);
      shown++;
    }
    return out.append('"').toString();
  }

  /**
   * Like {@link #quote}, for bytes that should be UTF-8 but may not be: well-formed sequences are shown as their
   * characters, any other byte as {@code \xHH}, so a value is never shown mis-decoded.
   */
  public static String quoteBytes(byte[] bytes) {
    StringBuilder out = new StringBuilder(Math.min(bytes.length, MAX_SHOWN) + 16).append('"');
    int shown = 0;
    for (int i = 0; i < bytes.length; ) {
      if (shown == MAX_SHOWN) {
        return shortened(out, bytes.length + " bytes");
      }
      int length = Utf8.sequenceLength(bytes, i, bytes.length);
      if (length < 0) {
        out.append(String.format("\\x%02X", bytes[i] & 0xff));
        i++;
      } else {
        append(out, new String(bytes, i, length, StandardCharsets.UTF_8).codePointAt(0));
        i += length;
      }
      shown++;
    }
    return out.append('"').toString();
  }

  /** {@link #quoteBytes} of text that arrived one char per byte (a request line or a header: ISO-8859-1). */
  public static String quoteLatin1Bytes(String text) {
    return quoteBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String shortened(StringBuilder out, String size) {
    return out.append("\"… (").append(size).append(')').toString();
  }

  private static void append(StringBuilder out, int cp) {
    if (cp == '"' || cp == '\\') {
      out.append('\\').append((char) cp);
    } else if (needsEscape(cp)) {
      out.append(String.format("\\u%04X", cp));
    } else {
      out.appendCodePoint(cp);
    }
  }

  private static boolean needsEscape(int cp) {
    if (cp == ' ') {
      return false;
    }
    int type = Character.getType(cp);
    return Character.isISOControl(cp)
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SPACE_SEPARATOR;
  }
}
