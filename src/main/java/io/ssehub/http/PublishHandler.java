package io.ssehub.http;

import io.ssehub.config.PublishConfig;
import io.ssehub.publish.PublishException;
import io.ssehub.publish.PublishRequest;
import io.ssehub.publish.PublishRequests;
import io.ssehub.publish.Publisher;
import io.ssehub.text.SafeText;
import io.ssehub.text.StrictJson;
import io.ssehub.text.Utf8;
import io.ssehub.web.AllowedMethods;
import io.ssehub.web.ClientError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code POST /publish}: a form ({@code application/x-www-form-urlencoded}) or a JSON object, answered with the
 * event's id in plain text. The content type is checked before the body is read, and a body past the limit is
 * refused from its Content-Length, before it is read.
 */
public final class PublishHandler {

  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON = "application/json";
  /**
   * Room for encoding: percent-encoding can triple the size of the data, and a JSON escape such as \u0001 takes six
   * bytes for one.
   */
  private static final int ENCODING_FACTOR = 6;
  private static final int OTHER_FIELDS_BYTES = 64 * 1024;

  private final Publisher publisher;
  private final PublishConfig limits;
  private final RequestRateLimiter rateLimiter;
  private final AccessControl accessControl;
  private final int bodyLimit;
  private final int bodyTimeoutSeconds;

  /** @param bodyTimeoutSeconds {@code http.requestBodyTimeoutSeconds} */
  public PublishHandler(Publisher publisher, PublishConfig limits, RequestRateLimiter rateLimiter,
                        AccessControl accessControl, int bodyTimeoutSeconds) {
    this.publisher = publisher;
    this.limits = limits;
    this.rateLimiter = rateLimiter;
    this.accessControl = accessControl;
    this.bodyLimit = bodyLimit(limits);
    this.bodyTimeoutSeconds = bodyTimeoutSeconds;
  }

  /** The largest request body accepted: room for the data, its encoding and the other fields. */
  public static int bodyLimit(PublishConfig limits) {
    return (int) Math.min(Integer.MAX_VALUE, (long) ENCODING_FACTOR * limits.maxDataBytes() + OTHER_FIELDS_BYTES);
  }

  /**
   * Mounts the endpoint on {@code path}. The method, the rate limit, the token and the content type are checked before
   * the body is read; the request is paused until then.
   */
  public void mount(Router router, String path) {
    router.route(path)
        .handler(AllowedMethods.only(HttpMethod.POST))
        .handler(RequestBody::pause)
        .handler(this::limitRate)
        .handler(accessControl::authenticatePublisher)
        .handler(this::requireContentType)
        .handler(this::publish);
  }

  /** Refuses a request past {@code publish.maxRequestsPerSecondPerIp} with 429; shared by every publish route. */
  void limitRate(RoutingContext ctx) {
    if (rateLimiter.perSecond() == 0) {
      ctx.next();
      return;
    }
    String address = String.valueOf(ctx.request().remoteAddress().hostAddress());
    if (!rateLimiter.tryAcquire(address)) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      throw new ClientError(429, "Too many publish requests from " + address + ": at most "
          + rateLimiter.perSecond() + " per second (publish.maxRequestsPerSecondPerIp)");
    }
    ctx.next();
  }

  private void requireContentType(RoutingContext ctx) {
    String mediaType = mediaType(ctx);
    if (!FORM.equals(mediaType) && !JSON.equals(mediaType)) {
      throw new ClientError(415, "Unsupported Content-Type "
          + SafeText.quoteLatin1Bytes(String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))
          + ": use " + FORM + " or " + JSON);
    }
    ctx.next();
  }

  private void publish(RoutingContext ctx) {
    boolean form = FORM.equals(mediaType(ctx));
    submit(ctx, body -> {
      PublishRequest request = form
          ? PublishRequests.fromForm(body.getBytes(), limits)
          : PublishRequests.fromJson(jsonBody(body), limits);
      accessControl.checkPublish(ctx, request.topics());
      return request;
    });
  }

  /**
   * Reads the body (bounded in size and time), makes the event of it, publishes it through the one publisher and
   * answers with its id in plain text; a refusal is answered with its status and message. Shared by the publish
   * routes, which differ in how a body becomes an event.
   *
   * @param parse the body as an event to publish, checked; throws {@link PublishException} or a {@link ClientError}
   */
  void submit(RoutingContext ctx, Function<Buffer, PublishRequest> parse) {
    RequestBody.read(ctx, bodyLimit, "Request body larger than " + bodyLimit + " bytes (6 x publish.maxDataBytes + 64"
            + " KiB for the other fields and their encoding)", bodyTimeoutSeconds)
        .onFailure(ctx::fail)
        .onSuccess(body -> {
          try {
            publisher.submit(parse.apply(body)).onComplete(
                id -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(id),
                failure -> ctx.fail(failure instanceof PublishException e
                    ? new ClientError(e.status(), e.getMessage()) : failure));
          } catch (PublishException e) {
            ctx.fail(new ClientError(e.status(), e.getMessage()));
          } catch (RuntimeException e) {
            ctx.fail(e);
          }
        });
  }

  /** The media type of the request's {@code Content-Type}, lower case, without parameters; null without one. */
  static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (header == null) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  private static JsonObject jsonBody(Buffer body) {
    if (!Utf8.isValid(body.getBytes())) {
      throw new ClientError(400, "Invalid JSON body: it is not UTF-8");
    }
    try {
      return StrictJson.parseObject(body.toString(StandardCharsets.UTF_8));
    } catch (StrictJson.Invalid e) {
      throw new ClientError(400, "Invalid JSON body: " + e.getMessage());
    }
  }
}
