package io.ssehub.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigTest {

  @TempDir
  Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, text);
    return file;
  }

  /** Loads {@code text} from a file and returns the error message, which must name that file first. */
  private String error(String text) throws IOException {
    Path file = write(text);
    ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.load(file));
    String prefix = file + ": ";
    assertEquals(prefix, e.getMessage().substring(0, prefix.length()), e.getMessage());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    return e.getMessage().substring(prefix.length());
  }

  @Test
  void shippedConfigHasEveryKeyAtItsDefault() {
    JsonObject shipped = new JsonObject(readShipped());
    ServerConfig config = ServerConfig.fromJson("conf/config.json", shipped);
    ServerConfig defaults = ServerConfig.defaults();
    assertEquals(defaults.http(), config.http());
    assertEquals(defaults.sse(), config.sse());
    assertEquals(defaults.publish(), config.publish());
    assertEquals(defaults.history(), config.history());
    assertEquals(defaults.generators(), config.generators());
    Set<String> httpKeys = new HashSet<>(HttpConfig.KEYS);
    httpKeys.remove("tls"); // no default: certificate files are the operator's
    assertEquals(httpKeys, shipped.getJsonObject("http").fieldNames());
    assertEquals(SseConfig.KEYS, shipped.getJsonObject("sse").fieldNames());
    assertEquals(PublishConfig.KEYS, shipped.getJsonObject("publish").fieldNames());
    assertEquals(HistoryConfig.KEYS, shipped.getJsonObject("history").fieldNames());
    assertEquals(GeneratorConfig.KEYS, shipped.getJsonArray("generators").getJsonObject(0).fieldNames());
    assertEquals(defaults.auth(), config.auth());
    Set<String> authKeys = new HashSet<>(AuthConfig.KEYS);
    // Keys with no default (secrets, key files, claims to require) cannot be shipped with a value.
    authKeys.removeAll(Set.of("hs256Secret", "publicKeyPath", "audience", "issuer"));
    assertEquals(authKeys, shipped.getJsonObject("auth").fieldNames());
    assertEquals(HttpConfig.CORS_KEYS, shipped.getJsonObject("http").getJsonObject("cors").fieldNames());
    assertEquals(defaults.metrics(), config.metrics());
    assertEquals(MetricsConfig.KEYS, shipped.getJsonObject("metrics").fieldNames());
    assertEquals(defaults.cluster(), config.cluster());
    Set<String> clusterKeys = new HashSet<>(ClusterConfig.KEYS);
    clusterKeys.remove("host"); // by default the Hazelcast file's interfaces
    assertEquals(clusterKeys, shipped.getJsonObject("cluster").fieldNames());
    assertEquals(defaults.mercure(), config.mercure());
    Set<String> mercureKeys = new HashSet<>(MercureConfig.KEYS);
    mercureKeys.removeAll(Set.of("publisherHs256Secret", "publisherPublicKeyPath", "subscriberHs256Secret",
        "subscriberPublicKeyPath", "audience", "issuer", "hubUrl"));
    assertEquals(mercureKeys, shipped.getJsonObject("mercure").fieldNames());
  }

  @Test
  void mercureSection() throws IOException {
    MercureConfig defaults = ServerConfig.load(write("{}")).mercure();
    assertEquals(List.of(false, true, List.of("__Secure-mercure_access_token", "mercureAuthorization"), false,
        List.of(), 64, 1024, 1000, false), List.of(defaults.enabled(), defaults.anonymous(), defaults.cookieNames(),
        defaults.authorizationParam(), defaults.publishOrigins(), defaults.maxSelectors(),
        defaults.maxSelectorLength(), defaults.patternCacheSize(), defaults.subscriptions()));
    assertEquals("mercure.publisherHs256Secret: is missing; Mercure publishers always need a token, so set"
        + " mercure.publisherHs256Secret, mercure.publisherPublicKeyPath, auth.hs256Secret or auth.publicKeyPath",
        error("{\"mercure\": {\"enabled\": true}}"));
    assertEquals("mercure.subscriberHs256Secret: is 5 bytes; an HS256 secret must be at least 32 bytes (256 bits)",
        error("{\"mercure\": {\"subscriberHs256Secret\": \"short\"}}"));
    assertEquals("mercure.publishOrigins: \"*\" would let any page publish with a visitor's cookie; list the"
        + " origins", error("{\"mercure\": {\"publishOrigins\": [\"*\"]}}"));
    assertEquals("mercure.maxSelectors: 0 is out of range; it must be an integer from 1 to 1024",
        error("{\"mercure\": {\"maxSelectors\": 0}}"));
    assertEquals("mercure.hubUrl: \"/.well-known/mercure\" must be the hub's absolute http(s) URL, such as"
        + " https://hub.example.com/.well-known/mercure", error("{\"mercure\": {\"hubUrl\": \"/.well-known/mercure\"}}"));
    assertEquals("https://hub.example.com/.well-known/mercure", ServerConfig.load(write(
        "{\"mercure\": {\"hubUrl\": \"https://hub.example.com/.well-known/mercure\"}}")).mercure().hubUrl());
    String secret = "0123456789abcdef0123456789abcdef";
    MercureConfig shared = ServerConfig.load(write("{\"auth\": {\"hs256Secret\": \"" + secret + "\"},"
        + " \"mercure\": {\"enabled\": true}}")).mercure();
    assertEquals(secret, shared.publisherKeys().hs256Secret(), "the auth key when the section names none");
    assertEquals(secret, shared.subscriberKeys().hs256Secret(), "subscribers: the publishers' key by default");
    MercureConfig separate = ServerConfig.load(write("{\"mercure\": {\"enabled\": true, \"publisherHs256Secret\": \""
        + secret + "p\", \"subscriberHs256Secret\": \"" + secret + "s\"}}")).mercure();
    assertEquals(List.of(secret + "p", secret + "s"), List.of(separate.publisherKeys().hs256Secret(),
        separate.subscriberKeys().hs256Secret()));
    assertFalse(separate.toString().contains(secret), "no secret in toString");
  }

  @Test
  void clusterSection() throws IOException {
    assertEquals(new ClusterConfig(false, "conf/cluster.xml", "ssehub", "", 0, List.of(), 1, 30, 0),
        ServerConfig.load(write("{}")).cluster());
    assertEquals(new ClusterConfig(true, "hz.xml", "prod-eu", "10.0.0.5", 5801, List.of("10.0.0.6", "10.0.0.7:5801"),
        2, 5, 17001), ServerConfig.load(write("""
        {"cluster": {"enabled": true, "configFile": "hz.xml", "name": "prod-eu", "host": "10.0.0.5", "port": 5801,
                     "members": ["10.0.0.6", "10.0.0.7:5801"], "minMembers": 2, "joinTimeoutSeconds": 5,
                     "eventBusPort": 17001}}
        """)).cluster());
    assertEquals("cluster.name: \"a b\" must be 1 to 64 letters, digits, dots, dashes or underscores",
        error("{\"cluster\": {\"name\": \"a b\"}}"));
    assertEquals("cluster.members[1]: \"h/x\" must be a host or host:port",
        error("{\"cluster\": {\"members\": [\"h\", \"h/x\"]}}"));
    assertEquals("cluster.minMembers: 0 is out of range; it must be an integer from 1 to 1000",
        error("{\"cluster\": {\"minMembers\": 0}}"));
    assertEquals("cluster.joinTimeoutSeconds: 0 is out of range; it must be an integer from 1 to 3600",
        error("{\"cluster\": {\"joinTimeoutSeconds\": 0}}"));
    assertEquals("cluster.nodes: unknown key; known keys here are configFile, enabled, eventBusPort, host,"
        + " joinTimeoutSeconds, members, minMembers, name, port", error("{\"cluster\": {\"nodes\": 2}}"));
  }

  private static String readShipped() {
    try {
      return Files.readString(Path.of("conf", "config.json"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void emptyObjectMeansDefaults() throws IOException {
    ServerConfig config = ServerConfig.load(write("{}"));
    assertEquals(new HttpConfig("0.0.0.0", 8080, "webroot", 0, 3600, 8192, 16_384, 0, List.of(), false, null, true,
        false, 10, 60, List.of(), IoTransport.AUTO), config.http());
    assertEquals(new SseConfig(2000, 64, 1_048_576, 15, 0, 5, 50_000, 0), config.sse());
    assertEquals(new PublishConfig(1_048_576, 64, 0), config.publish());
    assertEquals(new HistoryConfig(1000, 3600, 10_000, 10_000, 64 << 20), config.history());
    assertEquals(List.of(GeneratorConfig.defaults()), config.generators());
  }

  @Test
  void readsEveryKey() throws IOException {
    ServerConfig config = ServerConfig.load(write("""
        {"http": {"host": "127.0.0.1", "port": 0, "webroot": "%s", "instances": 3, "idleTimeoutSeconds": 0,
                  "maxRequestLineBytes": 256, "maxHeaderBytes": 2048,
                  "shutdownGraceSeconds": 9,
                  "cors": {"allowedOrigins": ["https://app.example", "http://127.0.0.1:3000"]},
                  "accessLog": true, "http2": false, "h2c": true, "requestHeadTimeoutSeconds": 4,
                  "requestBodyTimeoutSeconds": 5, "allowedHosts": ["hub.example", "*.example.org", "*"],
                  "transport": "nio"},
         "sse": {"retryMillis": 0, "maxTopicsPerConnection": 1, "maxQueuedBytesPerConnection": 1024,
                 "heartbeatSeconds": 0, "maxConnectionLifetimeSeconds": 30, "maxLagSeconds": 0,
                 "maxConnections": 7, "maxConnectionsPerIp": 3},
         "publish": {"maxDataBytes": 10, "maxTopicsPerEvent": 2, "maxRequestsPerSecondPerIp": 50},
         "history": {"maxEventsPerTopic": 0, "maxAgeSeconds": 5, "maxTopics": 3, "maxReplayEvents": 4,
                     "maxBytes": 6},
         "generators": [{"topic": "time", "intervalMillis": 1000}, {"topic": "fast", "intervalMillis": 1}]}
        """.formatted(dir)));
    assertEquals(new HttpConfig("127.0.0.1", 0, dir.toString(), 3, 0, 256, 2048, 9,
        List.of("https://app.example", "http://127.0.0.1:3000"), true, null, false, true, 4, 5,
        List.of("hub.example", "*.example.org", "*"), IoTransport.NIO), config.http());
    assertEquals(new SseConfig(0, 1, 1024, 0, 30, 0, 7, 3), config.sse());
    assertEquals(new PublishConfig(10, 2, 50), config.publish());
    assertEquals(new HistoryConfig(0, 5, 3, 4, 6), config.history());
    assertEquals(false, config.history().enabled());
    assertEquals(2, config.generators().size());
    assertEquals("fast", config.generators().get(1).topic().name());
    assertEquals(1, config.generators().get(1).intervalMillis());
  }

  @Test
  void noGeneratorsIsAllowed() throws IOException {
    assertEquals(List.of(), ServerConfig.load(write("{\"generators\": []}")).generators());
  }

  /** Windows editors save UTF-8 with a byte order mark; JSON parsers may ignore one there (RFC 8259, 8.1). */
  @Test
  void aLeadingByteOrderMarkIsIgnored() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] json = "{\"http\": {\"port\": 8081}}".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("config.json");
    Files.write(file, bom);
    Files.write(file, json, StandardOpenOption.APPEND);
    assertEquals(8081, ServerConfig.load(file).http().port());
    String inside = error("{\"http\": \uFEFF{}}");
    assertEquals(true, inside.startsWith("invalid JSON at line 1, column 10: "), inside);
    String second = error("\uFEFF\uFEFF{}");
    assertEquals(true, second.startsWith("invalid JSON at line 1, column 1: "), second);
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("nope.json");
    ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.load(missing));
    assertEquals(missing + ": file not found", e.getMessage());
  }

  /** An unreadable file takes the same path; a directory is unreadable even for root, who runs CI. */
  @Test
  void directoryInsteadOfFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.load(dir));
    assertEquals(true, e.getMessage().startsWith(dir + ": cannot read the file: "), e.getMessage());
  }

  @Test
  void malformedJson() throws IOException {
    String truncated = error("{\"http\": {");
    assertEquals(true, truncated.startsWith("invalid JSON at line 1, column 11: "), truncated);
    String badToken = error("{\n  \"http\": nope\n}");
    assertEquals(true, badToken.startsWith("invalid JSON at line 2, column 15: \"Unrecognized token 'nope'"), badToken);
    assertEquals("it must hold one JSON object, not an array", error("[1, 2]"));
    assertEquals("it is empty; it must hold one JSON object", error(""));
    assertEquals("it is empty; it must hold one JSON object", error("  \n"));
    assertEquals("unexpected content after the JSON object at line 1, column 4", error("{} {}"));
  }

  @Test
  void unknownKeysAreNamed() throws IOException {
    assertEquals("htpp: unknown key; known keys here are auth, cluster, generators, history, http, mercure, metrics,"
        + " publish, sse",
        error("{\"htpp\": {}}"));
    assertEquals("http.prot: unknown key; known keys here are accessLog, allowedHosts, cors, h2c, host, http2,"
        + " idleTimeoutSeconds, instances, maxHeaderBytes, maxRequestLineBytes, port, requestBodyTimeoutSeconds,"
        + " requestHeadTimeoutSeconds, shutdownGraceSeconds, tls, transport, webroot",
        error("{\"http\": {\"prot\": 1}}"));
    assertEquals("sse.retry: unknown key; known keys here are heartbeatSeconds, maxConnectionLifetimeSeconds,"
        + " maxConnections, maxConnectionsPerIp, maxLagSeconds, maxQueuedBytesPerConnection, maxTopicsPerConnection,"
        + " retryMillis", error("{\"sse\": {\"retry\": 1}}"));
    assertEquals("history.maxEvents: unknown key; known keys here are maxAgeSeconds, maxBytes, maxEventsPerTopic,"
        + " maxReplayEvents, maxTopics", error("{\"history\": {\"maxEvents\": 1}}"));
    assertEquals("generators[0].interval: unknown key; known keys here are intervalMillis, topic",
        error("{\"generators\": [{\"topic\": \"t\", \"interval\": 5}]}"));
  }

  @Test
  void duplicateKeysAreRejected() throws IOException {
    String message = error("{\"http\": {\"port\": 1, \"port\": 2}}");
    assertEquals(true, message.equals("invalid JSON at line 1, column 28: \"Duplicate field 'port'\""), message);
  }

  @Test
  void hostMustBeAnAddress() throws IOException {
    assertEquals("http.host: \"no.such.host.invalid\" is not an IP address or a resolvable host name",
        error("{\"http\": {\"host\": \"no.such.host.invalid\"}}"));
    assertEquals("http.host: \" 127.0.0.1\" is not an IP address or a resolvable host name",
        error("{\"http\": {\"host\": \" 127.0.0.1\"}}"));
    assertEquals("::1", ServerConfig.load(write("{\"http\": {\"host\": \"::1\"}}")).http().host());
    assertEquals("localhost", ServerConfig.load(write("{\"http\": {\"host\": \"localhost\"}}")).http().host());
  }

  @Test
  void wrongTypes() throws IOException {
    assertEquals("http.port: \"8080\" is not a number", error("{\"http\": {\"port\": \"8080\"}}"));
    assertEquals("http.port: 80.5 is not an integer", error("{\"http\": {\"port\": 80.5}}"));
    assertEquals("http.port: true is not a number", error("{\"http\": {\"port\": true}}"));
    assertEquals("http.port: null is not a number", error("{\"http\": {\"port\": null}}"));
    assertEquals("http.host: 5 is not a string", error("{\"http\": {\"host\": 5}}"));
    assertEquals("http: an array is not an object", error("{\"http\": []}"));
    assertEquals("generators: an object is not an array", error("{\"generators\": {}}"));
    assertEquals("generators[1]: \"time\" is not an object", error("{\"generators\": [{\"topic\": \"a\"}, \"time\"]}"));
    assertEquals("http.host: \"\" is empty or only whitespace; a non-empty string is required",
        error("{\"http\": {\"host\": \"\"}}"));
    assertEquals("http.webroot: \"  \" is empty or only whitespace; a non-empty string is required",
        error("{\"http\": {\"webroot\": \"  \"}}"));
  }

  @Test
  void outOfRangeNumbers() throws IOException {
    assertEquals("http.port: 65536 is out of range; it must be an integer from 0 to 65535",
        error("{\"http\": {\"port\": 65536}}"));
    assertEquals("http.port: -1 is out of range; it must be an integer from 0 to 65535",
        error("{\"http\": {\"port\": -1}}"));
    assertEquals("http.idleTimeoutSeconds: -5 is out of range; it must be an integer from 0 to 86400",
        error("{\"http\": {\"idleTimeoutSeconds\": -5}}"));
    assertEquals("generators[1].intervalMillis: 0 is out of range; it must be an integer from 1 to 86400000",
        error("{\"generators\": [{\"topic\": \"a\"}, {\"topic\": \"b\", \"intervalMillis\": 0}]}"));
    assertEquals("sse.maxQueuedBytesPerConnection: -1 is out of range; it must be an integer from 1024 to"
        + " 1073741824", error("{\"sse\": {\"maxQueuedBytesPerConnection\": -1}}"));
    assertEquals("sse.maxTopicsPerConnection: 0 is out of range; it must be an integer from 1 to 4096",
        error("{\"sse\": {\"maxTopicsPerConnection\": 0}}"));
    assertEquals("sse.retryMillis: -1 is out of range; it must be an integer from 0 to 86400000",
        error("{\"sse\": {\"retryMillis\": -1}}"));
    assertEquals("sse.heartbeatSeconds: -1 is out of range; it must be an integer from 0 to 3600",
        error("{\"sse\": {\"heartbeatSeconds\": -1}}"));
    assertEquals("publish.maxDataBytes: 0 is out of range; it must be an integer from 1 to 67108864",
        error("{\"publish\": {\"maxDataBytes\": 0}}"));
    assertEquals("history.maxTopics: 0 is out of range; it must be an integer from 1 to 1000000",
        error("{\"history\": {\"maxTopics\": 0}}"));
    assertEquals("history.maxEventsPerTopic: -1 is out of range; it must be an integer from 0 to 1000000",
        error("{\"history\": {\"maxEventsPerTopic\": -1}}"));
    assertEquals("http.port: 99999999999999999999 is out of range; it must be an integer from 0 to 65535",
        error("{\"http\": {\"port\": 99999999999999999999}}"));
  }

  @Test
  void idleTimeoutMustOutlastHeartbeats() throws IOException {
    assertEquals("http.idleTimeoutSeconds: 16 must be at least sse.heartbeatSeconds + 2 (17), or a quiet stream could"
        + " be closed between heartbeats", error("{\"http\": {\"idleTimeoutSeconds\": 16}}"));
    assertEquals(17, ServerConfig.load(write("{\"http\": {\"idleTimeoutSeconds\": 17}}")).http().idleTimeoutSeconds());
    assertEquals(5, ServerConfig.load(write("{\"http\": {\"idleTimeoutSeconds\": 5},"
        + " \"sse\": {\"heartbeatSeconds\": 0}}")).http().idleTimeoutSeconds());
  }

  @Test
  void generatorTopics() throws IOException {
    assertEquals("generators[1].topic: \"time\" is used by another generator; generator topics must be unique",
        error("{\"generators\": [{\"topic\": \"time\"}, {\"topic\": \"time\", \"intervalMillis\": 5}]}"));
    assertEquals("generators[0].topic: \"a b\" is not a valid topic: a topic name must not contain whitespace"
        + " (U+0020 found)", error("{\"generators\": [{\"topic\": \"a b\"}]}"));
    assertEquals("generators[0].topic: \"a,b\" is not a valid topic: a topic name must not contain commas",
        error("{\"generators\": [{\"topic\": \"a,b\"}]}"));
    assertEquals("generators[0].topic: is missing; every generator needs a topic",
        error("{\"generators\": [{\"intervalMillis\": 5}]}"));
  }

  @Test
  void webrootMustExist() throws IOException {
    String message = error("{\"http\": {\"webroot\": \"no/such/dir\"}}");
    assertEquals("http.webroot: \"no/such/dir\" is not an existing directory (relative paths are resolved against"
        + " the working directory " + Path.of("").toAbsolutePath() + ")", message);
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertEquals(true, error("{\"http\": {\"webroot\": \"" + file + "\"}}").startsWith("http.webroot: \"" + file
        + "\" is not an existing directory"));
  }

  @Test
  void fromJsonNamesItsSource() {
    JsonObject json = new JsonObject().put("generators", new JsonArray().add(new JsonObject().put("topic", "")));
    ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.fromJson("here", json));
    assertEquals("here: generators[0].topic: \"\" is empty or only whitespace; a non-empty string is required",
        e.getMessage());
    assertEquals("generators[0].topic", e.path());
  }

  @Test
  void anUnknownTransportIsRefusedAndAutoAlwaysRuns() throws IOException {
    assertEquals("http.transport: \"uring\" is not allowed; it must be one of auto, epoll, io_uring, nio",
        error("{\"http\": {\"transport\": \"uring\"}}"));
    // auto never fails: the native transport when one loads, NIO otherwise.
    assertTrue(ServerConfig.load(write("{}")).http().transport().resolve().available());
  }

  @Test
  void authNeedsAKeyWhenOnAndNeverEchoesTheSecret() throws IOException {
    assertEquals("auth.hs256Secret: is missing; auth.publish or auth.subscribe is on, so tokens need a key: set"
        + " auth.hs256Secret or auth.publicKeyPath", error("{\"auth\": {\"subscribe\": \"required\"}}"));
    String shortSecret = error("{\"auth\": {\"publish\": \"required\", \"hs256Secret\": \"hunter2\"}}");
    assertEquals("auth.hs256Secret: is 7 bytes; an HS256 secret must be at least 32 bytes (256 bits)", shortSecret);
    assertEquals("auth.subscribe: \"maybe\" is not allowed; it must be one of off, optional, required",
        error("{\"auth\": {\"subscribe\": \"maybe\"}}"));
    assertEquals("auth.publicTopics[1]: \"a b\" is not a valid topic: a topic name must not contain whitespace"
        + " (U+0020 found)", error("{\"auth\": {\"publicTopics\": [\"a\", \"a b\"]}}"));
    assertEquals("auth.publicKeyPath: \"/nonexistent.pem\" cannot be read: /nonexistent.pem",
        error("{\"auth\": {\"publicKeyPath\": \"/nonexistent.pem\"}}"));
    AuthConfig auth = ServerConfig.load(write("{\"auth\": {\"subscribe\": \"optional\", \"publicTopics\": [\"time\"],"
        + " \"hs256Secret\": \"0123456789abcdef0123456789abcdef\"}}")).auth();
    assertEquals(List.of(io.ssehub.event.Topic.of("time")), auth.publicTopics());
    assertEquals(false, auth.toString().contains("0123456789abcdef"), "the secret stays out of toString");
  }

  @Test
  void allowedHostsAreHostNames() throws IOException {
    for (String bad : new String[] {"http://hub.example", "hub.example:8080", "hub.example/x", "", "a..b", "*x.com"}) {
      assertEquals("http.allowedHosts[1]: " + (bad.isEmpty() ? "\"\" is not a non-empty string"
              : "\"" + bad + "\" is not a host name: write the name alone (no scheme, port or path),"
              + " such as hub.example or *.example.com for its subdomains, or * for any"),
          error("{\"http\": {\"allowedHosts\": [\"ok.example\", \"" + bad + "\"]}}"), bad);
    }
  }

  @Test
  void corsOriginsAreOriginsAndStarNeverGoesWithAuth() throws IOException {
    assertEquals("http.cors.allowedOrigins[0]: \"https://app.example/\" is not an origin: write scheme://host[:port]"
        + " with no path, such as https://app.example, or *",
        error("{\"http\": {\"cors\": {\"allowedOrigins\": [\"https://app.example/\"]}}}"));
    assertEquals("http.cors.allowedOrigins: \"*\" is not allowed while auth.publish or auth.subscribe is on: list the"
        + " origins that may send credentials", error("{\"http\": {\"cors\": {\"allowedOrigins\": [\"*\"]}},"
        + " \"auth\": {\"publish\": \"required\", \"hs256Secret\": \"0123456789abcdef0123456789abcdef\"}}"));
  }

  @Test
  void tlsNeedsBothPemFiles() throws IOException {
    Path cert = Files.writeString(dir.resolve("cert.pem"),
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    assertEquals("http.tls.keyPath: is missing; TLS needs both certPath and keyPath",
        error("{\"http\": {\"tls\": {\"certPath\": \"" + cert + "\"}}}"));
    assertEquals("http.tls.keyPath: \"" + cert + "\" holds no PEM private key",
        error("{\"http\": {\"tls\": {\"certPath\": \"" + cert + "\", \"keyPath\": \"" + cert + "\"}}}"));
  }
}
