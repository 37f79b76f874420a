package io.ssehub.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.ssehub.config.HttpConfig;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.text.SafeText;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the HTTP decoder could not read, before any route sees them: a request line or a header block past
 * its limit (414, 431), bytes that are not HTTP, or a version other than HTTP/1.x ({@link HttpVersionCheck}) (400).
 * Like every other refusal, the answer is a plain-text message naming the limit; then the connection is closed, since
 * the rest of its bytes cannot be trusted.
 */
final class MalformedRequestHandler implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(MalformedRequestHandler.class);

  private final HttpConfig limits;
  private final HubMetrics metrics;

  MalformedRequestHandler(HttpConfig limits, HubMetrics metrics) {
    this.limits = limits;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "The request line is longer than " + limits.maxRequestLineBytes()
          + " bytes (http.maxRequestLineBytes): shorten the URL or its query";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      message = "The request headers are larger than " + limits.maxHeaderBytes() + " bytes (http.maxHeaderBytes)";
    } else if (cause instanceof HttpVersionCheck.UnsupportedVersion unsupported) {
      status = 400;
      message = "Malformed HTTP request: unsupported protocol version " + SafeText.quote(unsupported.version())
          + ": this server speaks HTTP/1.1 and HTTP/1.0" + (unsupported.version().equals("HTTP/2.0") && !limits.h2c()
          ? " here (cleartext HTTP/2 needs http.h2c: true; with TLS it is offered through ALPN)" : "");
    } else {
      status = 400;
      message = "Malformed HTTP request: " + SafeText.quote(String.valueOf(cause == null ? null : cause.getMessage()));
    }
    metrics.rejected(status);
    LOG.warn("Rejected a malformed request from {} with {}: {}", request.remoteAddress(), status, message);
    request.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(message + "\n")
        .onComplete(done -> request.connection().close());
  }
}
