package io.ssehub.mercure;

import java.util.regex.Pattern;

/**
 * A Mercure 0.x topic selector written as an RFC 6570 URI template ({@code https://example.com/books/{id}}), compiled
 * to a regular expression that matches every topic the template can expand to. Each expression matches what its
 * operator can produce: {@code {id}} one segment (no {@code /}, {@code ?} or {@code #}), {@code {+path}} anything,
 * {@code {/a}} path segments, {@code {.ext}} dot-prefixed labels, {@code {;x}} path parameters, {@code {?x}} and
 * {@code {&x}} a query, {@code {#x}} a fragment.
 */
final class UriTemplate {

  private UriTemplate() {
  }

  /** Whether a 0.x selector is a template rather than a plain topic. */
  static boolean isTemplate(String selector) {
    return selector.indexOf('{') >= 0 || selector.indexOf('}') >= 0;
  }

  /** @throws IllegalArgumentException saying what is wrong with the template */
  static Pattern compile(String template) {
    StringBuilder regex = new StringBuilder(template.length() * 2);
    int pos = 0;
    int literal = 0;
    while (pos < template.length()) {
      char c = template.charAt(pos);
      if (c == '}') {
        throw new IllegalArgumentException("a } at position " + (pos + 1) + " closes no {");
      }
      if (c != '{') {
        pos++;
        continue;
      }
      int close = template.indexOf('}', pos);
      if (close < 0) {
        throw new IllegalArgumentException("a { at position " + (pos + 1) + " is never closed");
      }
      // Literal text is quoted a run at a time, so that characters outside the BMP stay whole.
      if (pos > literal) {
        regex.append(Pattern.quote(template.substring(literal, pos)));
      }
      regex.append(expression(template.substring(pos + 1, close)));
      pos = close + 1;
      literal = pos;
    }
    if (template.length() > literal) {
      regex.append(Pattern.quote(template.substring(literal)));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static String expression(String body) {
    if (body.isEmpty()) {
      throw new IllegalArgumentException("an expression {} names no variable");
    }
    char operator = body.charAt(0);
    String variables = "+#./;?&".indexOf(operator) >= 0 ? body.substring(1) : body;
    for (String variable : variables.split(",", -1)) {
      if (!variable.matches("[A-Za-z0-9_%][A-Za-z0-9_%.]*(\\*|:[1-9][0-9]{0,3})?")) {
        throw new IllegalArgumentException("{" + body + "} holds an invalid variable name \"" + variable + "\"");
      }
    }
    return switch (operator) {
      case '+' -> ".*";
      case '#' -> "(?:#.*)?";
      case '.' -> "(?:\\.[^/?#.]*)*";
      case '/' -> "(?:/[^/?#]*)*";
      case ';' -> "(?:;[^/?#]*)*";
      case '?' -> "(?:\\?[^#]*)?";
      case '&' -> "(?:&[^#]*)*";
      default -> "[^/?#]*";
    };
  }
}
