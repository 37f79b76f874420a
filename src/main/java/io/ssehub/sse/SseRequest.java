package io.ssehub.sse;

import io.ssehub.event.EventIds;
import io.ssehub.event.StreamStyle;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import io.ssehub.text.SafeText;
import io.ssehub.text.Utf8;
import io.ssehub.web.ClientError;
import io.ssehub.web.QueryParams;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * A validated {@code GET /sse} request.
 *
 * @param topics        the topics, in first-seen order
 * @param lastEventId   where to resume: the {@code Last-Event-ID} header, else the {@code lastEventId} query
 *                      parameter (a fresh EventSource cannot set headers), else null
 * @param namesByTopic  {@code eventNames=topic}: events without a publisher type carry {@code event: <topic>}
 */
public record SseRequest(List<Topic> topics, String lastEventId, boolean namesByTopic) {

  static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
  static final String LAST_EVENT_ID_PARAM = "lastEventId";
  static final String EVENT_NAMES_PARAM = "eventNames";

  public static SseRequest parse(RoutingContext ctx, int maxTopics) {
    List<Topic> topics = TopicsParam.parse(QueryParams.all(ctx, TopicsParam.NAME), maxTopics);
    String lastEventId = lastEventId(ctx, LAST_EVENT_ID_PARAM);
    String eventNames = single(ctx, EVENT_NAMES_PARAM);
    if (eventNames != null && !eventNames.equals("topic")) {
      throw new ClientError(400, "Invalid parameter '" + EVENT_NAMES_PARAM + "': " + SafeText.quote(eventNames)
          + "; the only value is \"topic\"");
    }
    return new SseRequest(topics, lastEventId, eventNames != null);
  }

  /**
   * Where a client resumes: the {@code Last-Event-ID} header, else the first of {@code params} given in the query
   * (a fresh EventSource cannot set headers), else null; an empty one is none.
   *
   * @throws ClientError 400 when the id is not UTF-8, longer than any event id, or a parameter is repeated
   */
  public static String lastEventId(RoutingContext ctx, String... params) {
    // The header wins: EventSource sends it on every reconnection with the newest id, while the URL keeps the
    // query parameter of the first connection.
    String lastEventId = ctx.request().getHeader(LAST_EVENT_ID_HEADER);
    String source = LAST_EVENT_ID_HEADER + " header";
    if (lastEventId != null) {
      // Headers are read one char per byte; a browser sends the id it was given as UTF-8.
      String decoded = Utf8.fromLatin1Bytes(lastEventId);
      if (decoded == null) {
        throw new ClientError(400, "Invalid " + source + ": " + SafeText.quoteLatin1Bytes(lastEventId)
            + " is not UTF-8");
      }
      lastEventId = decoded;
    } else {
      for (String param : params) {
        lastEventId = single(ctx, param);
        source = "parameter '" + param + "'";
        if (lastEventId != null) {
          break;
        }
      }
    }
    if (lastEventId != null && lastEventId.isEmpty()) {
      lastEventId = null;
    }
    if (lastEventId != null && lastEventId.length() > EventIds.MAX_LENGTH) {
      throw new ClientError(400, "Invalid " + source + ": " + SafeText.quote(lastEventId) + " is longer than "
          + EventIds.MAX_LENGTH + " characters, so it is no event id");
    }
    return lastEventId;
  }

  /** The stream this request asks for, with what the subscriber may receive privately (null for nothing). */
  public StreamRequest toStream(StreamStyle style, TopicMatcher privateGrant) {
    return new StreamRequest(topics, null, lastEventId, namesByTopic, privateGrant, style);
  }

  private static String single(RoutingContext ctx, String name) {
    List<String> values = QueryParams.all(ctx, name);
    if (values.size() > 1) {
      throw new ClientError(400, "Parameter '" + name + "' is given more than once");
    }
    return values.isEmpty() ? null : values.get(0);
  }
}
