package io.ssehub.mercure;

/** How a Mercure topic selector is read. */
enum SelectorKind {
  /** {@code match} / {@code match_exact}, and {@code match_type: exact} in a token: the topic as written. */
  EXACT("exact"),
  /** {@code match_urlpattern}, and {@code match_type: urlpattern} in a token: a WHATWG URL pattern. */
  URL_PATTERN("urlpattern"),
  /** The 0.x {@code topic} parameter and {@code mercure} claim: a URI template, or else the topic as written. */
  TEMPLATE_OR_EXACT("0.x");

  private final String label;

  SelectorKind(String label) {
    this.label = label;
  }

  /** The name the protocol gives the kind, for messages. */
  String label() {
    return label;
  }
}
