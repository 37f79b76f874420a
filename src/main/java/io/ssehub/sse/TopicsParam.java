package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.text.SafeText;
import io.ssehub.web.ClientError;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the {@code topics} query parameter: comma-separated names (the parameter may also be repeated), items
 * trimmed, empty items ignored, duplicates merged in first-seen order.
 */
public final class TopicsParam {

  public static final String NAME = "topics";
  public static final String NO_TOPICS = "No topics provided: use /sse?topics=a,b";

  private TopicsParam() {
  }

  /**
   * @param values    every value of the parameter in the query string
   * @param maxTopics most distinct topics allowed
   * @throws ClientError 400 when no topic is given, a name is invalid, or there are too many
   */
  public static List<Topic> parse(List<String> values, int maxTopics) {
    Set<String> names = new LinkedHashSet<>();
    for (String value : values) {
      for (String item : value.split(",", -1)) {
        String name = item.strip();
        if (name.isEmpty()) {
          continue;
        }
        String problem = Topic.problem(name);
        if (problem != null) {
          throw new ClientError(400, "Invalid topic " + SafeText.quote(name) + " in parameter '" + NAME + "': "
              + problem);
        }
        names.add(name);
        if (names.size() > maxTopics) {
          throw new ClientError(400, "Too many topics in parameter '" + NAME + "': at most " + maxTopics
              + " per connection (sse.maxTopicsPerConnection)");
        }
      }
    }
    if (names.isEmpty()) {
      throw new ClientError(400, NO_TOPICS);
    }
    List<Topic> topics = new ArrayList<>(names.size());
    names.forEach(name -> topics.add(new Topic(name)));
    return List.copyOf(topics);
  }
}
