package io.ssehub.mercure;

import java.util.regex.Pattern;

/**
 * A Mercure {@code urlpattern} matcher: the WHATWG URL Pattern syntax, compiled to a regular expression over the whole
 * topic. Supported: literal text, named groups ({@code :id}, matching one path segment, one host label, or the rest of
 * the query or fragment), the wildcard {@code *} (anything), non-capturing groups {@code {...}}, the modifiers
 * {@code ?}, {@code *} and {@code +} after a group (a {@code /} before an optional path group is optional with it, so
 * {@code /books/:id?} matches {@code /books}), and {@code \} escapes. A pattern that gives no query or fragment
 * matches any. Relative patterns ({@code /books/:id}) and relative topics are resolved against the hub's origin.
 * Not supported, refused with a message: regular-expression groups ({@code (\d+)}), which would put a user's regular
 * expression in the hub. The host is compared as written (no case folding, no default ports).
 */
final class UrlPattern {

  private enum Part { SCHEME, HOST, PATH, SEARCH, HASH }

  private UrlPattern() {
  }

  /**
   * @param origin the hub's origin ({@code https://hub.example.com}), for relative patterns
   * @throws IllegalArgumentException saying what is wrong with the pattern
   */
  static Pattern compile(String pattern, String origin) {
    String absolute = isRelative(pattern) ? escapeLiteral(origin) + pattern : pattern;
    StringBuilder regex = new StringBuilder(absolute.length() * 2);
    Part part = new Compiler(absolute, regex).run();
    if (part != Part.SEARCH && part != Part.HASH) {
      regex.append("(?:\\?[^#]*)?");
    }
    if (part != Part.HASH) {
      regex.append("(?:#.*)?");
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** A topic as the pattern sees it: a relative one ({@code /books/1}) resolved against the hub's origin. */
  static String resolve(String topic, String origin) {
    return isRelative(topic) ? origin + topic : topic;
  }

  private static boolean isRelative(String text) {
    return text.startsWith("/") && !text.startsWith("//");
  }

  /** An origin in pattern syntax: its special characters escaped. */
  private static String escapeLiteral(String origin) {
    StringBuilder out = new StringBuilder();
    for (char c : origin.toCharArray()) {
      if ("\\:*?+{}()".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** One pass over the pattern, tracking which part of a URL it is in. */
  private static final class Compiler {
    private final String pattern;
    private final StringBuilder regex;
    private int pos;
    private Part part = Part.SCHEME;
    private boolean inGroup;
    /** Where the last literal '/' went into the regex, or -1 when the last thing written was not one. */
    private int lastSlash = -1;

    Compiler(String pattern, StringBuilder regex) {
      this.pattern = pattern;
      this.regex = regex;
    }

    Part run() {
      while (pos < pattern.length()) {
        char c = pattern.charAt(pos++);
        switch (c) {
          case '\\' -> {
            if (pos >= pattern.length()) {
              throw new IllegalArgumentException("the pattern ends with a lone \\");
            }
            literal(pattern.charAt(pos++));
          }
          case ':' -> {
            if (pos < pattern.length() && isNameStart(pattern.charAt(pos))) {
              namedGroup();
            } else {
              literal(c);
            }
          }
          case '*' -> {
            regex.append(".*");
            lastSlash = -1;
          }
          case '{' -> group();
          case '}' -> throw new IllegalArgumentException("a } at position " + pos + " closes no {");
          case '(' -> throw new IllegalArgumentException("regular-expression groups such as (\\d+) are not"
              + " supported; use :name or *");
          default -> literal(c);
        }
      }
      return part;
    }

    private void namedGroup() {
      while (pos < pattern.length() && isNamePart(pattern.charAt(pos))) {
        pos++;
      }
      String segment = switch (part) {
        case SCHEME -> "[^:/?#]+";
        case HOST -> "[^./?#:@]+";
        case PATH -> "[^/?#]+";
        case SEARCH -> "[^#&]+";
        case HASH -> ".+";
      };
      char modifier = modifier();
      if (modifier != 0 && lastSlash >= 0 && part == Part.PATH && !inGroup) {
        // "/books/:id?": the slash belongs to the optional group.
        regex.setLength(lastSlash);
        regex.append("(?:/").append(segment).append(')').append(modifier);
      } else if (modifier != 0) {
        regex.append("(?:").append(segment).append(')').append(modifier);
      } else {
        regex.append(segment);
      }
      lastSlash = -1;
    }

    private void group() {
      if (inGroup) {
        throw new IllegalArgumentException("groups {...} cannot be nested");
      }
      int close = pattern.indexOf('}', pos);
      if (close < 0) {
        throw new IllegalArgumentException("a { at position " + pos + " is never closed");
      }
      regex.append("(?:");
      inGroup = true;
      while (pos < close) {
        char c = pattern.charAt(pos++);
        if (c == '\\' && pos < close) {
          literal(pattern.charAt(pos++));
        } else if (c == ':' && pos < close && isNameStart(pattern.charAt(pos))) {
          namedGroup();
        } else if (c == '*') {
          regex.append(".*");
        } else if (c == '(' || c == '{') {
          throw new IllegalArgumentException("regular-expression or nested groups are not supported inside {...}");
        } else {
          literal(c);
        }
      }
      pos = close + 1;
      inGroup = false;
      regex.append(')');
      char modifier = modifier();
      if (modifier != 0) {
        regex.append(modifier);
      }
      lastSlash = -1;
    }

    /** The modifier after a group ({@code ?}, {@code *}, {@code +}), consumed; 0 when none. */
    private char modifier() {
      if (pos < pattern.length() && "?*+".indexOf(pattern.charAt(pos)) >= 0) {
        return pattern.charAt(pos++);
      }
      return 0;
    }

    private void literal(char c) {
      if (part == Part.SCHEME && c == ':' && pattern.startsWith("//", pos)) {
        part = Part.HOST;
        regex.append("://");
        pos += 2;
        lastSlash = -1;
        return;
      }
      advancePart(c);
      lastSlash = c == '/' ? regex.length() : -1;
      if (!Character.isLetterOrDigit(c) && c < 128) {
        regex.append('\\');
      }
      regex.append(c);
    }

    /** Moves to the URL part that a literal character starts, as a URL parser would. */
    private void advancePart(char c) {
      if (c == '#') {
        part = Part.HASH;
      } else if (c == '?' && part != Part.HASH) {
        part = Part.SEARCH;
      } else if (c == '/' && (part == Part.SCHEME || part == Part.HOST)) {
        part = Part.PATH;
      }
    }

    private static boolean isNameStart(char c) {
      return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isNamePart(char c) {
      return isNameStart(c) || Character.isDigit(c);
    }
  }
}
