package io.ssehub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code http} section: where to listen and what to serve.
 *
 * @param host               interface to bind
 * @param port               TCP port; 0 picks any free port
 * @param webroot            directory of the static page; a relative path may also name a directory bundled in the
 *                           jar, as the default {@code webroot} is, so the page works from any working directory
 * @param instances          HTTP verticles, each on its own event loop, sharing the port; 0 means one per
 *                           available processor
 * @param idleTimeoutSeconds close a connection on which nothing was read or written for this long; 0 never closes.
 *                           Writes reset it, so a stream that receives events stays open, while a client that
 *                           stopped reading is eventually closed.
 * @param maxRequestLineBytes longest request line (method, URL with its query, version); longer gets 414
 * @param maxHeaderBytes     largest request header block; larger gets 431
 * @param shutdownGraceSeconds on shutdown, end the open streams spread over this long (each at a random moment),
 *                           so that their clients do not all reconnect at once; 0 ends them all at once
 * @param corsAllowedOrigins {@code http.cors.allowedOrigins}: origins ({@code https://app.example}) whose pages may
 *                           use the hub, or {@code *} for any; empty for the hub's own origin only
 * @param accessLog          log one line per request on the logger {@code ssehub.access}
 * @param tls                HTTPS certificate and key, or null for plain HTTP
 * @param http2              with TLS, offer HTTP/2 through ALPN (browsers then hold many streams on one connection)
 * @param h2c                accept cleartext HTTP/2 (prior knowledge or upgrade), for use behind a proxy
 * @param requestHeadTimeoutSeconds a new connection must send a whole request head within this long, and a head
 *                           begun later on a kept-alive connection must be complete within this long of its first
 *                           byte (slowloris); 0 never closes for this
 * @param requestBodyTimeoutSeconds a request body must be complete within this long of its head; 0 never closes for
 *                           this
 * @param allowedHosts       host names a request's {@code Host} may carry besides IP addresses, {@code localhost}
 *                           and a named {@code http.host}: exact names, {@code *.suffix} for subdomains, or {@code *}
 *                           for any (DNS rebinding: a page on another name must not reach the hub)
 * @param transport          the event loops' I/O transport: {@code auto} (the native one when it loads), {@code epoll},
 *                           {@code io_uring} or {@code nio}
 */
public record HttpConfig(String host, int port, String webroot, int instances, int idleTimeoutSeconds,
                         int maxRequestLineBytes, int maxHeaderBytes, int shutdownGraceSeconds,
                         List<String> corsAllowedOrigins, boolean accessLog, TlsConfig tls, boolean http2,
                         boolean h2c, int requestHeadTimeoutSeconds, int requestBodyTimeoutSeconds,
                         List<String> allowedHosts, IoTransport transport) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_WEBROOT = "webroot";
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 3600;
  public static final int MAX_IDLE_TIMEOUT_SECONDS = 86_400;
  public static final int DEFAULT_INSTANCES = 0;
  public static final int MAX_INSTANCES = 64;
  public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8192;
  public static final int DEFAULT_MAX_HEADER_BYTES = 16_384;
  public static final int MAX_SHUTDOWN_GRACE_SECONDS = 300;
  public static final int DEFAULT_REQUEST_HEAD_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_REQUEST_BODY_TIMEOUT_SECONDS = 60;
  public static final int MAX_REQUEST_TIMEOUT_SECONDS = 3600;

  static final Set<String> KEYS = Set.of("host", "port", "webroot", "instances", "idleTimeoutSeconds",
      "maxRequestLineBytes", "maxHeaderBytes", "shutdownGraceSeconds", "cors", "accessLog", "tls", "http2", "h2c",
      "requestHeadTimeoutSeconds", "requestBodyTimeoutSeconds", "allowedHosts", "transport");
  static final Set<String> CORS_KEYS = Set.of("allowedOrigins");
  private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s?#]+");
  private static final Pattern HOST_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");

  /** Every key at its default. */
  public static HttpConfig defaults() {
    return read(ConfigSection.empty());
  }

  /** How many HTTP verticles to deploy: {@code instances}, or one per available processor when it is 0. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }

  static HttpConfig read(ConfigSection section) {
    String webroot = section.string("webroot", DEFAULT_WEBROOT);
    if (!webrootExists(webroot)) {
      throw section.error("webroot", ConfigSection.render(webroot) + " is not an existing directory (relative paths"
          + " are resolved against the working directory " + Path.of("").toAbsolutePath() + ")");
    }
    String host = section.string("host", DEFAULT_HOST);
    if (!isAddress(host)) {
      throw section.error("host", ConfigSection.render(host) + " is not an IP address or a resolvable host name");
    }
    return new HttpConfig(
        host,
        section.integer("port", DEFAULT_PORT, 0, 65_535),
        webroot,
        section.integer("instances", DEFAULT_INSTANCES, 0, MAX_INSTANCES),
        section.integer("idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT_SECONDS, 0, MAX_IDLE_TIMEOUT_SECONDS),
        section.integer("maxRequestLineBytes", DEFAULT_MAX_REQUEST_LINE_BYTES, 256, 65_536),
        section.integer("maxHeaderBytes", DEFAULT_MAX_HEADER_BYTES, 1024, 262_144),
        section.integer("shutdownGraceSeconds", 0, 0, MAX_SHUTDOWN_GRACE_SECONDS),
        origins(section.section("cors", CORS_KEYS)),
        section.bool("accessLog", false),
        TlsConfig.read(section.section("tls", TlsConfig.KEYS)),
        section.bool("http2", true),
        section.bool("h2c", false),
        section.integer("requestHeadTimeoutSeconds", DEFAULT_REQUEST_HEAD_TIMEOUT_SECONDS, 0,
            MAX_REQUEST_TIMEOUT_SECONDS),
        section.integer("requestBodyTimeoutSeconds", DEFAULT_REQUEST_BODY_TIMEOUT_SECONDS, 0,
            MAX_REQUEST_TIMEOUT_SECONDS),
        allowedHosts(section),
        transport(section));
  }

  private static IoTransport transport(ConfigSection section) {
    IoTransport transport = section.oneOf("transport", IoTransport.AUTO, IoTransport.values());
    String unavailable = transport.unavailable();
    if (unavailable != null) {
      throw section.error("transport", ConfigSection.render(transport.name().toLowerCase(Locale.ROOT))
          + " cannot run on this machine (" + unavailable + "); use auto or nio");
    }
    return transport;
  }

  private static List<String> allowedHosts(ConfigSection section) {
    return patterns(section, "allowedHosts", HOST_NAME, "is not a host name: write the name alone (no scheme, port or"
        + " path), such as hub.example or *.example.com for its subdomains, or * for any");
  }

  private static List<String> origins(ConfigSection cors) {
    return patterns(cors, "allowedOrigins", ORIGIN, "is not an origin: write scheme://host[:port] with no path, such"
        + " as https://app.example, or *");
  }

  /** A list of strings, each {@code *} or matching {@code pattern}; an error names the first that does not. */
  private static List<String> patterns(ConfigSection section, String key, Pattern pattern, String rule) {
    List<String> values = section.strings(key, List.of());
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (!value.equals("*") && !pattern.matcher(value).matches()) {
        throw new ConfigException(section.source(), section.pathOf(key) + "[" + i + "]",
            ConfigSection.render(value) + " " + rule);
      }
    }
    return values;
  }

  private static boolean isAddress(String host) {
    if (!host.equals(host.strip())) {
      return false;
    }
    try {
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  /** True when the webroot is a directory on disk, or a relative directory bundled in the jar. */
  static boolean webrootExists(String webroot) {
    Path path = Path.of(webroot);
    if (Files.isDirectory(path)) {
      return true;
    }
    return !path.isAbsolute()
        && HttpConfig.class.getClassLoader().getResource(webroot.replace('\\', '/') + "/index.html") != null;
  }
}
