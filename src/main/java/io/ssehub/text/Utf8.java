package io.ssehub.text;

import java.nio.charset.StandardCharsets;

/** Strict UTF-8: decoders that replace bad bytes with U+FFFD would let a client's mistake through unseen. */
public final class Utf8 {

  private Utf8() {
  }

  /** Whether these bytes are well-formed UTF-8. */
  public static boolean isValid(byte[] bytes) {
    return firstInvalid(bytes, 0, bytes.length) < 0;
  }

  /** The offset of the first byte in {@code [from, to)} that starts no well-formed UTF-8 sequence, or -1. */
  public static int firstInvalid(byte[] bytes, int from, int to) {
    for (int i = from; i < to; ) {
      int length = sequenceLength(bytes, i, to);
      if (length < 0) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /**
   * The length of the well-formed UTF-8 sequence at {@code i} (1 to 4), or -1 when the byte there starts none:
   * a stray continuation byte, a truncated sequence, an overlong form, a surrogate or a code point past U+10FFFF.
   */
  public static int sequenceLength(byte[] bytes, int i, int to) {
    int lead = bytes[i] & 0xff;
    if (lead < 0x80) {
      return 1;
    }
    int length;
    int min;
    int max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = lead == 0xe0 ? 0xa0 : 0x80;
      max = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = lead == 0xf0 ? 0x90 : 0x80;
      max = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      return -1;
    }
    if (i + length > to) {
      return -1;
    }
    int second = bytes[i + 1] & 0xff;
    if (second < min || second > max) {
      return -1;
    }
    for (int k = 2; k < length; k++) {
      int next = bytes[i + k] & 0xff;
      if (next < 0x80 || next > 0xbf) {
        return -1;
      }
    }
    return length;
  }

  /**
   * Text that arrived one char per byte (a request line or header, which HTTP reads as ISO-8859-1), as the UTF-8
   * the client most likely sent; null when its bytes are not UTF-8.
   */
  public static String fromLatin1Bytes(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return isValid(bytes) ? new String(bytes, StandardCharsets.UTF_8) : null;
  }
}
