package io.ssehub.http;

import io.netty.util.NetUtil;
import io.ssehub.text.SafeText;
import io.ssehub.web.ClientError;
import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a request whose {@code Host} (or HTTP/2 {@code :authority}) names a host this hub does not answer to
 * ({@code http.allowedHosts}), with 421 Misdirected Request. This is what stops DNS rebinding: a page on
 * {@code evil.example} whose name is made to resolve to the hub's address sends {@code Host: evil.example} and a
 * matching {@code Origin}, so the same-origin check alone would let it read streams and publish.
 *
 * <p>Always allowed: IP addresses (a page cannot be served from the hub's own address by anyone but the hub),
 * {@code localhost} and its subdomains (browsers resolve them to loopback themselves), and {@code http.host} when it
 * is a name. A request without any Host (HTTP/1.0) is no browser's and passes.
 */
final class HostCheck implements Handler<RoutingContext> {

  private static final String KEY = "http.allowedHosts";

  private final boolean anyHost;
  private final Set<String> names = new HashSet<>();
  private final List<String> suffixes = new ArrayList<>();

  /**
   * @param allowed  {@code http.allowedHosts}: names, {@code *.suffix}, or {@code *}
   * @param bindHost {@code http.host}, allowed as well when it is a name
   */
  HostCheck(List<String> allowed, String bindHost) {
    this.anyHost = allowed.contains("*");
    List<String> all = new ArrayList<>(allowed);
    all.add("localhost");
    all.add("*.localhost");
    all.add(bindHost);
    for (String entry : all) {
      String name = normalized(entry);
      if (name.startsWith("*.")) {
        suffixes.add(name.substring(1));
      } else {
        names.add(name);
      }
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    HostAndPort authority = ctx.request().authority();
    if (anyHost || authority == null || isAllowed(normalized(authority.host()))) {
      ctx.next();
      return;
    }
    String shown = authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
    throw new ClientError(421, "Host " + SafeText.quoteLatin1Bytes(shown) + " is not a name of this hub: if it is,"
        + " add it to " + KEY + " (requests through other names are refused, as DNS rebinding would send them)");
  }

  private boolean isAllowed(String host) {
    if (isIpAddress(host) || names.contains(host)) {
      return true;
    }
    for (String suffix : suffixes) {
      if (host.endsWith(suffix) && host.length() > suffix.length()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIpAddress(String host) {
    return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
  }

  /** Lower case, without IPv6 brackets or the root's trailing dot ({@code localhost.} is {@code localhost}). */
  private static String normalized(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
