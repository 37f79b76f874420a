package io.ssehub.http;

import io.ssehub.config.PublishConfig;
import io.ssehub.publish.PublishException;
import io.ssehub.publish.PublishRequest;
import io.ssehub.publish.PublishRequests;
import io.ssehub.publish.Publisher;
import io.ssehub.text.PercentEncoding;
import io.ssehub.text.SafeText;
import io.ssehub.text.StrictJson;
import io.ssehub.text.Utf8;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Locale;

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

  public PublishHandler(Publisher publisher, PublishConfig limits, RequestRateLimiter rateLimiter,
                        AccessControl accessControl) {
    this.publisher = publisher;
    this.limits = limits;
    this.rateLimiter = rateLimiter;
    this.accessControl = accessControl;
    this.bodyLimit = bodyLimit(limits);
  }

  /** The largest request body accepted: room for the data, its encoding and the other fields. */
  public static int bodyLimit(PublishConfig limits) {
    return (int) Math.min(Integer.MAX_VALUE, (long) ENCODING_FACTOR * limits.maxDataBytes() + OTHER_FIELDS_BYTES);
  }

  /** Form fields the server's form decoder must accept: every topic plus the other fields. */
  public static int maxFormFields(PublishConfig limits) {
    return limits.maxTopicsPerEvent() + 16;
  }

  /**
   * Mounts the endpoint on {@code path}: two routes, since vert.x runs a body handler before any other handler of
   * its route, and the method, the rate limit, the token and the content type must be checked before the body is
   * read.
   */
  public void mount(Router router, String path) {
    router.route(path)
        .handler(AllowedMethods.only(HttpMethod.POST))
        .handler(this::limitRate)
        .handler(accessControl::authenticatePublisher)
        .handler(this::requireContentType);
    router.route(path)
        .handler(BodyHandler.create(false).setHandleFileUploads(false).setBodyLimit(bodyLimit))
        .handler(this::publish)
        .failureHandler(this::bodyRefused);
  }

  private void limitRate(RoutingContext ctx) {
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
          + SafeText.quote(String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))
          + ": use " + FORM + " or " + JSON);
    }
    ctx.next();
  }

  private void publish(RoutingContext ctx) {
    PublishRequest request;
    try {
      if (FORM.equals(mediaType(ctx))) {
        if (ctx.body().buffer() != null && !PercentEncoding.decodesToUtf8(ctx.body().buffer().getBytes())) {
          throw malformedForm();
        }
        request = PublishRequests.fromForm(ctx.request().formAttributes(), limits);
      } else {
        request = PublishRequests.fromJson(jsonBody(ctx), limits);
      }
      accessControl.checkPublish(ctx, request.topics());
      String id = publisher.publish(request);
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(id);
    } catch (PublishException e) {
      throw new ClientError(e.status(), e.getMessage());
    }
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    if (ctx.body().buffer() != null && !Utf8.isValid(ctx.body().buffer().getBytes())) {
      throw new ClientError(400, "Invalid JSON body: it is not UTF-8");
    }
    String text = ctx.body().asString();
    try {
      return StrictJson.parseObject(text == null ? "" : text);
    } catch (StrictJson.Invalid e) {
      throw new ClientError(400, "Invalid JSON body: " + e.getMessage());
    }
  }

  private ClientError malformedForm() {
    return new ClientError(400, "Malformed form body: it must be application/x-www-form-urlencoded in UTF-8,"
        + " with at most " + maxFormFields(limits) + " fields and at most " + bodyLimit + " bytes");
  }

  /** Says what is wrong when the body handler refuses a body; other failures go on to the router's handler. */
  private void bodyRefused(RoutingContext ctx) {
    if (ctx.failure() instanceof ClientError) {
      ctx.next();
    } else if (ctx.statusCode() == 413) {
      // Close once the answer is out: the rest of the body is never read.
      Hangup.afterResponse(ctx);
      ctx.fail(new ClientError(413, "Request body larger than " + bodyLimit + " bytes (6 x publish.maxDataBytes"
          + " + 64 KiB for the other fields and their encoding)"));
    } else if (ctx.statusCode() == 400) {
      ctx.fail(malformedForm());
    } else {
      ctx.next();
    }
  }

  private static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (header == null) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
