package io.ssehub.publish;

import io.ssehub.config.PublishConfig;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing from code in the same JVM: send (request-reply) a {@link JsonObject} to {@value #ADDRESS}, with the
 * same fields as the HTTP JSON body ({@code topics} or {@code topic}, {@code data}, {@code id}, {@code type},
 * {@code retry}). The reply is the event's id (a String); a refused publish fails the message with the HTTP status
 * as failure code (400, 409, 413) and the same message as the HTTP API. It goes through the same {@link Publisher}.
 */
public final class PublishBusApi {

  public static final String ADDRESS = "ssehub.publish";

  private static final Logger LOG = LoggerFactory.getLogger(PublishBusApi.class);

  private PublishBusApi() {
  }

  public static MessageConsumer<Object> register(EventBus eventBus, Publisher publisher, PublishConfig limits) {
    return eventBus.localConsumer(ADDRESS, message -> handle(message, publisher, limits));
  }

  /** Publishes what a message asks for and answers it; also how the cluster's leader serves the other nodes. */
  static void handle(Message<Object> message, Publisher publisher, PublishConfig limits) {
    if (!(message.body() instanceof JsonObject json)) {
      message.fail(400, "The message body must be a JsonObject with the fields topics (or topic), data, id, type,"
          + " retry");
      return;
    }
    PublishRequest request;
    try {
      request = PublishRequests.fromJson(json, limits);
    } catch (PublishException e) {
      message.fail(e.status(), e.getMessage());
      return;
    }
    publisher.submit(request).onComplete(message::reply, failure -> {
      if (failure instanceof PublishException e) {
        message.fail(e.status(), e.getMessage());
      } else {
        // A bug, not the sender's fault; still answer, so that the sender does not wait for its timeout.
        LOG.error("Failed to publish from the event bus", failure);
        message.fail(500, "Internal error");
      }
    });
  }
}
