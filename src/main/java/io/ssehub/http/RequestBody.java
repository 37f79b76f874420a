package io.ssehub.http;

import io.ssehub.text.SafeText;
import io.ssehub.web.ClientError;
import io.ssehub.web.Hangup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body into memory, bounded in size: a declared {@code Content-Length} past the limit is refused
 * before a byte is read, and a body that grows past it while being read is refused at that moment (413 either way;
 * over HTTP/1.x the connection is then closed, since the rest of the body will never be read). Bytes arrive only once
 * a handler is set, so the route pauses the request ({@link #pause}) before anything asynchronous runs in front of
 * this reader. A client that goes away mid-body fails the read with the connection's exception, which the error
 * handler counts as an aborted request rather than a server error.
 *
 * <p>Over HTTP/1.x the whole body must arrive within {@code http.requestBodyTimeoutSeconds}, which the connection's
 * pipeline enforces ({@link RequestTimeouts}); over HTTP/2, where one connection carries many streams, this reader
 * enforces it per stream and answers 408.
 */
final class RequestBody {

  private static final String CONTINUED = "ssehub.continued";

  private RequestBody() {
  }

  /**
   * First handler of a route that reads a body: holds the bytes back until {@link #read} wants them. When the answer
   * goes out before the body was read (a refusal), the rest is let through to be discarded, so that the connection
   * can carry the next request.
   */
  static void pause(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    ctx.addEndHandler(ended -> {
      if (request.isEnded()) {
        return;
      }
      if (ctx.get(CONTINUED) == null && request.getHeader(HttpHeaders.EXPECT) != null && !Hangup.isHttp2(ctx)) {
        // Refused before 100 Continue: the client will not send the body the connection would wait for.
        request.connection().close();
      } else {
        request.resume();
      }
    });
    ctx.next();
  }

  /**
   * @param limit          the largest body accepted, in bytes
   * @param tooLarge       the 413's message
   * @param timeoutSeconds {@code http.requestBodyTimeoutSeconds}, enforced here over HTTP/2; 0 for none
   */
  static Future<Buffer> read(RoutingContext ctx, int limit, String tooLarge, int timeoutSeconds) {
    HttpServerRequest request = ctx.request();
    if (ctx.response().closed()) {
      // The client left while the request waited (for its token to be checked, say).
      return Future.failedFuture(new HttpClosedException("the connection was closed before the body was read"));
    }
    long declared = declaredLength(request);
    if (declared > limit) {
      return Future.failedFuture(refuse(ctx, tooLarge));
    }
    String expect = request.getHeader(HttpHeaders.EXPECT);
    if (expect != null) {
      if (!expect.equalsIgnoreCase("100-continue")) {
        Hangup.afterResponse(ctx);
        return Future.failedFuture(new ClientError(417, "Unsupported Expect header " + SafeText.quoteLatin1Bytes(expect)
            + ": only 100-continue is understood"));
      }
      if (request.version() != HttpVersion.HTTP_1_0) {
        ctx.response().writeContinue();
        ctx.put(CONTINUED, Boolean.TRUE);
      }
    }
    if (request.isEnded()) {
      return Future.succeededFuture(Buffer.buffer());
    }
    Promise<Buffer> body = Promise.promise();
    Buffer bytes = Buffer.buffer((int) Math.max(0, Math.min(declared, Math.min(limit, 64 * 1024))));
    request.handler(chunk -> {
      if (body.future().isComplete()) {
        return;
      }
      if (bytes.length() + chunk.length() > limit) {
        body.tryFail(refuse(ctx, tooLarge));
      } else {
        bytes.appendBuffer(chunk);
      }
    });
    request.endHandler(end -> body.tryComplete(bytes));
    request.exceptionHandler(body::tryFail);
    if (Hangup.isHttp2(ctx) && timeoutSeconds > 0) {
      long timer = ctx.vertx().setTimer(timeoutSeconds * 1000L, id -> body.tryFail(new ClientError(408,
          "Request body not complete within " + timeoutSeconds + " s (http.requestBodyTimeoutSeconds)")));
      body.future().onComplete(done -> ctx.vertx().cancelTimer(timer));
    }
    request.resume();
    return body.future();
  }

  /** The Content-Length the request declares, or -1. */
  private static long declaredLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      // The HTTP decoder refuses a malformed Content-Length before any route runs.
      return -1;
    }
  }

  private static ClientError refuse(RoutingContext ctx, String message) {
    // The rest of the body is never read: close once the answer is out.
    Hangup.afterResponse(ctx);
    return new ClientError(413, message);
  }
}
