package io.ssehub.config;

/**
 * An invalid configuration. The message names the file, the JSON path of the offending key, the bad value and the
 * rule, on one line, so that an operator can fix the file without reading a stack trace.
 */
public final class ConfigException extends RuntimeException {

  private final String path;
  private final String detail;

  public ConfigException(String source, String path, String detail) {
    super(source + ": " + (path.isEmpty() ? "" : path + ": ") + detail);
    this.path = path;
    this.detail = detail;
  }

  /** What is wrong, without the source and the path. */
  public String detail() {
    return detail;
  }

  /** The JSON path of the offending key, such as {@code generators[1].intervalMillis}; empty for the whole file. */
  public String path() {
    return path;
  }
}
