package io.ssehub.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/**
 * Parses text as exactly one JSON object, strictly: a key given twice is an error (with lenient parsing the last one
 * would silently win), and syntax errors say where they are. Used for the configuration file and publish bodies.
 */
public final class StrictJson {

  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private StrictJson() {
  }

  /** Why a text is not one JSON object; the message is safe to show. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public static JsonObject parseObject(String text) throws Invalid {
    try (JsonParser parser = STRICT.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new Invalid("it is empty; it must hold one JSON object");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new Invalid("it must hold one JSON object, not " + describe(first));
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new Invalid("unexpected content after the JSON object at " + where(parser.currentTokenLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new Invalid("invalid JSON at " + where(e.getLocation()) + ": "
          + SafeText.quote(e.getOriginalMessage().lines().findFirst().orElse("")));
    } catch (IOException e) {
      throw new Invalid("cannot parse it: " + e.getMessage());
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
