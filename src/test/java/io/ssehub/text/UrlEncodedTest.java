package io.ssehub.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UrlEncodedTest {

  private static List<UrlEncoded.Param> decode(String latin1) {
    return UrlEncoded.decode(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String why(String latin1) {
    return assertThrows(UrlEncoded.Malformed.class, () -> decode(latin1)).getMessage();
  }

  @Test
  void decodesInOrderWithCaseKept() {
    assertEquals(List.of(new UrlEncoded.Param("topics", "a b,c"), new UrlEncoded.Param("Topics", "é"),
            new UrlEncoded.Param("flag", ""), new UrlEncoded.Param("", "x")),
        decode("topics=a+b%2Cc&&Topics=%C3%A9&flag&=x&"));
  }

  @Test
  void rawUtf8IsRead() {
    assertEquals(List.of(new UrlEncoded.Param("t", "é")), decode("t=\u00c3\u00a9"));
  }

  @Test
  void saysWhatIsWrong() {
    assertEquals("invalid percent-encoding \"%zz\": % must be followed by two hex digits", why("a=%zz"));
    assertEquals("invalid percent-encoding \"%4\": % must be followed by two hex digits", why("a=%4"));
    assertEquals("invalid percent-encoding \"%\\xFF1\": % must be followed by two hex digits", why("a=%\u00ff1"));
    assertEquals("percent-encoded bytes that are not UTF-8 (send non-ASCII text as percent-encoded UTF-8)",
        why("a=%C3%28"));
    assertEquals("the raw byte 0xFF is not UTF-8 (send non-ASCII text as percent-encoded UTF-8)", why("a=\u00ff"));
    assertEquals("the raw byte 0xC3 is not UTF-8 (send non-ASCII text as percent-encoded UTF-8)", why("a=\u00c3%28"));
  }

  @Test
  void redactsEverySpellingOfTheTokenParameter() {
    assertEquals("topics=a&access_token=[redacted]&ACCESS-Token=[redacted]&access%5Ftoken=[redacted]&x=1",
        UrlEncoded.redacted("topics=a&access_token=s1&ACCESS-Token=s2&access%5Ftoken=s3&x=1"));
    assertEquals("access_tokens=kept&token=kept", UrlEncoded.redacted("access_tokens=kept&token=kept"));
    assertEquals("%61ccess_token=[redacted]", UrlEncoded.redacted("%61ccess_token=s"));
    assertEquals("match=a&authorization=[redacted]&Authorization=[redacted]&authorized=kept",
        UrlEncoded.redacted("match=a&authorization=s1&Authorization=s2&authorized=kept"), "Mercure 0.x's parameter");
  }
}
