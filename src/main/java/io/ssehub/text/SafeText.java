package io.ssehub.text;

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
        out.append("\"… (").append(value.codePointCount(0, value.length())).append(" characters)");
        return out.toString();
      }
      int cp = value.codePointAt(i);
      if (cp == '"' || cp == '\\') {
        out.append('\\').append((char) cp);
      } else if (needsEscape(cp)) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
      shown++;
    }
    return out.append('"').toString();
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
