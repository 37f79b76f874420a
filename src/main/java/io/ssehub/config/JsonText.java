package io.ssehub.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/**
 * Parses a configuration file's text as exactly one JSON object, strictly: a key given twice is an error (with
 * lenient parsing the last one would silently win), and syntax errors say where they are.
 */
final class JsonText {

  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonText() {
  }

  static JsonObject parseObject(String source, String text) {
    try (JsonParser parser = STRICT.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new ConfigException(source, "", "the file is empty; it must hold one JSON object");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new ConfigException(source, "", "the file must hold one JSON object, not " + describe(first));
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new ConfigException(source, "", "unexpected content after the JSON object at "
            + where(parser.currentTokenLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, "", "invalid JSON at " + where(e.getLocation()) + ": "
          + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new ConfigException(source, "", "cannot parse the file: " + e.getMessage());
    }
    return new JsonObject(text);
  }

  private static String where(JsonLocation location) {
    return location == null ? "an unknown place"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }
}
