package io.ssehub.event;

/**
 * A validated topic name: 1 to {@value #MAX_LENGTH} characters, without control characters, whitespace or commas
 * (a comma separates topics in {@code /sse?topics=a,b}).
 */
public record Topic(String name) {

  public static final int MAX_LENGTH = 1024;

  public Topic {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Validates a name; the message says which rule it breaks. */
  public static Topic of(String name) {
    return new Topic(name);
  }

  /** Returns the rule that {@code name} breaks, or {@code null} when it is a valid topic name. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "a topic name must not be empty";
    }
    int length = name.codePointCount(0, name.length());
    if (length > MAX_LENGTH) {
      return "a topic name is at most " + MAX_LENGTH + " characters, this one has " + length;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isISOControl(cp)) {
        return String.format("a topic name must not contain control characters (U+%04X found)", cp);
      }
      if (Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE) {
        return String.format("a topic name must not contain invisible format characters or lone surrogates"
            + " (U+%04X found)", cp);
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        return String.format("a topic name must not contain whitespace (U+%04X found)", cp);
      }
      if (cp == ',') {
        return "a topic name must not contain commas";
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  @Override
  public String toString() {
    return name;
  }
}
