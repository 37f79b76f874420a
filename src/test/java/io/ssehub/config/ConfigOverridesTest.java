package io.ssehub.config;

import io.ssehub.event.Topic;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Keys set from the environment and from system properties, over the file's values. */
class ConfigOverridesTest {

  private static final JsonObject FILE = new JsonObject()
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 8080))
      .put("sse", new JsonObject().put("retryMillis", 1000));

  private static ServerConfig load(Map<String, String> environment, Map<String, String> properties) {
    return ServerConfig.fromJson("conf/test.json", FILE, ConfigOverrides.of(environment, properties));
  }

  private static String error(Map<String, String> environment, Map<String, String> properties) {
    return assertThrows(ConfigException.class, () -> load(environment, properties)).getMessage();
  }

  @Test
  void environmentOverridesTheFileAndPropertiesOverrideTheEnvironment() {
    ServerConfig config = load(
        Map.of("SSEHUB_HTTP_PORT", "9090", "SSEHUB_SSE_RETRY_MILLIS", "500", "SSEHUB_SSE_MAX_CONNECTIONS_PER_IP", "7",
            "SSEHUB_HISTORY_MAX_AGE_SECONDS", "60"),
        Map.of("ssehub.sse.retryMillis", "250", "ssehub.http.host", "::1"));
    assertEquals(9090, config.http().port());
    assertEquals("::1", config.http().host(), "a value that is no number stays a string");
    assertEquals(250, config.sse().retryMillis(), "the property wins over the variable");
    assertEquals(7, config.sse().maxConnectionsPerIp());
    assertEquals(60, config.history().maxAgeSeconds());
    assertEquals(64, config.sse().maxTopicsPerConnection(), "keys set nowhere keep their defaults");
    assertEquals("conf/test.json with environment variable SSEHUB_HISTORY_MAX_AGE_SECONDS, environment variable"
        + " SSEHUB_HTTP_PORT, environment variable SSEHUB_SSE_MAX_CONNECTIONS_PER_IP, system property"
        + " ssehub.sse.retryMillis, system property ssehub.http.host", config.source());
  }

  @Test
  void aBadValueIsReportedAgainstItsVariableOrProperty() {
    assertEquals("environment variable SSEHUB_HTTP_PORT: http.port: \"eighty\" is not a number",
        error(Map.of("SSEHUB_HTTP_PORT", "eighty"), Map.of()));
    assertEquals("system property ssehub.sse.maxConnections: sse.maxConnections: 0 is out of range; it must be an"
        + " integer from 1 to 1000000", error(Map.of(), Map.of("ssehub.sse.maxConnections", "0")));
    assertEquals("conf/test.json: http.idleTimeoutSeconds: 5 must be at least sse.heartbeatSeconds + 2 (17), or a"
        + " quiet stream could be closed between heartbeats",
        assertThrows(ConfigException.class, () -> ServerConfig.fromJson("conf/test.json",
            FILE.copy().put("http", new JsonObject().put("idleTimeoutSeconds", 5)), ConfigOverrides.none()))
            .getMessage(), "errors about keys nobody overrode still name the file");
  }

  @Test
  void aNameThatIsNoKeyOfItsSectionIsAnError() {
    assertEquals("environment variable SSEHUB_HTTP_PROT: names no configuration key; known names here are"
        + " SSEHUB_HTTP_ACCESS_LOG, SSEHUB_HTTP_ALLOWED_HOSTS, SSEHUB_HTTP_CORS_ALLOWED_ORIGINS, SSEHUB_HTTP_H2C,"
        + " SSEHUB_HTTP_HOST, SSEHUB_HTTP_HTTP2, SSEHUB_HTTP_IDLE_TIMEOUT_SECONDS, SSEHUB_HTTP_INSTANCES,"
        + " SSEHUB_HTTP_MAX_HEADER_BYTES, SSEHUB_HTTP_MAX_REQUEST_LINE_BYTES, SSEHUB_HTTP_PORT,"
        + " SSEHUB_HTTP_REQUEST_BODY_TIMEOUT_SECONDS, SSEHUB_HTTP_REQUEST_HEAD_TIMEOUT_SECONDS,"
        + " SSEHUB_HTTP_SHUTDOWN_GRACE_SECONDS, SSEHUB_HTTP_TLS_CERT_PATH, SSEHUB_HTTP_TLS_KEY_PATH,"
        + " SSEHUB_HTTP_TRANSPORT, SSEHUB_HTTP_WEBROOT",
        error(Map.of("SSEHUB_HTTP_PROT", "1"), Map.of()));
    assertEquals("system property ssehub.publish.maxData: names no configuration key; known names here are"
        + " ssehub.publish.maxDataBytes, ssehub.publish.maxRequestsPerSecondPerIp, ssehub.publish.maxTopicsPerEvent",
        error(Map.of(), Map.of("ssehub.publish.maxData", "1")));
  }

  @Test
  void namesOutsideTheSectionsAreNotOurs() {
    ServerConfig config = load(Map.of("SSEHUB_LOG_LEVEL", "DEBUG", "SSEHUB_JAVA_OPTS", "-Xmx1g", "HOME", "/root"),
        Map.of("ssehub.log.level", "DEBUG", "java.version", "17"));
    assertEquals("conf/test.json", config.source());
    assertEquals(8080, config.http().port());
  }

  @Test
  void nestedKeysListsAndBooleansCanBeSetToo() {
    ServerConfig config = load(Map.of("SSEHUB_HTTP_CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example",
            "SSEHUB_METRICS_EVENT_BUS", "false"),
        Map.of("ssehub.auth.publicTopics", "time,news"));
    assertEquals(List.of("https://a.example", "https://b.example"), config.http().corsAllowedOrigins());
    assertEquals(false, config.metrics().eventBus());
    assertEquals(List.of(Topic.of("time"), Topic.of("news")),
        config.auth().publicTopics());
    assertEquals("environment variable SSEHUB_HTTP_CORS_ALLOWED_ORIGINS: http.cors.allowedOrigins[1]:"
        + " \"ftp:x\" is not an origin: write scheme://host[:port] with no path, such as https://app.example, or *",
        error(Map.of("SSEHUB_HTTP_CORS_ALLOWED_ORIGINS", "https://a.example,ftp:x"), Map.of()));
    assertEquals("system property ssehub.http.tls.certPath: http.tls.certPath: \"/x.pem\" cannot be read: /x.pem",
        error(Map.of("SSEHUB_HTTP_TLS_KEY_PATH", "/y.pem"), Map.of("ssehub.http.tls.certPath", "/x.pem")));
  }
}
