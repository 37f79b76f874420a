package io.ssehub.text;

import java.io.ByteArrayOutputStream;

/**
 * Checks percent-encoded text (a query string, a form body) the way Vert.x's decoders do not: they turn bytes that
 * are not UTF-8 into U+FFFD without a word, and a topic or data made of replacement characters is not what the client
 * sent.
 */
public final class PercentEncoding {

  private PercentEncoding() {
  }

  /** Whether the bytes, once {@code %XX} escapes are decoded, are UTF-8; malformed escapes are left to the decoder. */
  public static boolean decodesToUtf8(byte[] raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length);
    for (int i = 0; i < raw.length; i++) {
      int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
      int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
      if (raw[i] == '%' && high >= 0 && low >= 0) {
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(raw[i]);
      }
    }
    return Utf8.isValid(bytes.toByteArray());
  }
}
