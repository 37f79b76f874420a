package io.ssehub.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code http.tls} section: serve HTTPS with a PEM certificate (chain) and its private key.
 *
 * @param certPath PEM file with the certificate, then any intermediates
 * @param keyPath  PEM file with the private key (PKCS#8 or PKCS#1)
 */
public record TlsConfig(String certPath, String keyPath) {

  static final Set<String> KEYS = Set.of("certPath", "keyPath");

  /** The section, or null when it names neither file (no TLS). */
  static TlsConfig read(ConfigSection section) {
    String cert = section.string("certPath", null);
    String key = section.string("keyPath", null);
    if (cert == null && key == null) {
      return null;
    }
    if (cert == null || key == null) {
      throw section.error(cert == null ? "certPath" : "keyPath", "is missing; TLS needs both certPath and keyPath");
    }
    requirePem(section, "certPath", cert, "CERTIFICATE-----");
    requirePem(section, "keyPath", key, "PRIVATE KEY-----");
    return new TlsConfig(cert, key);
  }

  private static void requirePem(ConfigSection section, String key, String path, String marker) {
    String text;
    try {
      text = Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw section.error(key, ConfigSection.render(path) + " cannot be read: " + e.getMessage());
    }
    if (!text.contains("-----BEGIN ") || !text.contains(marker)) {
      throw section.error(key, ConfigSection.render(path) + " holds no PEM " + marker.replace("-----", "")
          .toLowerCase(java.util.Locale.ROOT));
    }
  }
}
