package io.ssehub.mercure;

import io.ssehub.auth.InvalidToken;
import io.ssehub.event.Topic;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two forms of Mercure grants a token carries: 1.0's authorization_details and 0.x's mercure claim. */
class MercureGrantsTest {

  private static final String HUB = "https://hub.example.com";

  private final Selectors selectors = new Selectors(1024, 100);

  private MercureGrants grants(String claims) {
    return MercureGrants.fromClaims(new JsonObject(claims), selectors, 8, HUB);
  }

  private static boolean allows(io.ssehub.event.TopicMatcher matcher, String topic) {
    return matcher.matches(Topic.of(topic));
  }

  @Test
  void legacyClaimGrantsStarExactTopicsAndTemplates() {
    MercureGrants grants = grants("""
        {"exp": 2000000000, "mercure": {"publish": ["*"],
          "subscribe": ["https://example.com/users/42", "https://example.com/books/{id}"]}}""");
    assertTrue(allows(grants.publish(), "anything"));
    assertTrue(allows(grants.subscribe(), "https://example.com/users/42"));
    assertTrue(allows(grants.subscribe(), "https://example.com/books/7"));
    assertFalse(allows(grants.subscribe(), "https://example.com/users/43"));
    assertEquals(2_000_000_000_000L, grants.expiresAtMillis());
  }

  @Test
  void authorizationDetailsGrantTheirActionsOnTheirTopics() {
    MercureGrants grants = grants("""
        {"authorization_details": [
          {"type": "https://mercure.rocks/authorization-detail", "actions": ["subscribe"],
           "topics": [{"match": "https://example.com/books/:id", "match_type": "urlpattern"},
                      {"match": "https://example.com/users/42"}]},
          {"type": "https://mercure.rocks/authorization-detail", "actions": ["publish", "delete"],
           "topics": [{"match": "/books/:id", "match_type": "urlpattern"}]},
          {"type": "https://other.example/detail", "actions": ["publish"], "topics": "ignored"}]}""");
    assertTrue(allows(grants.subscribe(), "https://example.com/books/1"));
    assertTrue(allows(grants.subscribe(), "https://example.com/users/42"));
    assertFalse(allows(grants.subscribe(), "https://example.com/users/43"));
    assertTrue(allows(grants.publish(), HUB + "/books/9"), "relative patterns resolve against the hub");
    assertTrue(allows(grants.publish(), "/books/9"));
    assertFalse(allows(grants.publish(), "https://example.com/books/1"), "a detail grants only its actions");
    assertEquals(0, grants.expiresAtMillis());
  }

  @Test
  void bothFormsTogetherGrantTheirUnion() {
    MercureGrants grants = grants("""
        {"mercure": {"subscribe": ["a"]},
         "authorization_details": [{"type": "https://mercure.rocks/authorization-detail",
           "actions": ["subscribe"], "topics": [{"match": "b"}]}]}""");
    assertTrue(allows(grants.subscribe(), "a"));
    assertTrue(allows(grants.subscribe(), "b"));
    assertFalse(allows(grants.publish(), "a"), "no publish grant: nothing may be published");
  }

  @Test
  void aTokenWithoutMercureGrantsAllowsNothing() {
    MercureGrants grants = grants("{\"sub\": \"someone\", \"ssehub\": {\"subscribe\": [\"*\"]}}");
    assertFalse(allows(grants.subscribe(), "a"));
    assertFalse(allows(grants.publish(), "a"));
  }

  @Test
  void malformedMercureGrantsInvalidateTheWholeToken() {
    String detail = "{\"authorization_details\": [{\"type\": \"https://mercure.rocks/authorization-detail\", %s}]}";
    assertInvalid(String.format(detail, "\"actions\": [\"subscribe\"], \"topics\": [{\"match\": \"a\","
        + " \"match_type\": \"regexp\"}]"), "a Mercure authorization detail uses a \"match_type\" this hub does not"
        + " support (it supports exact and urlpattern)");
    assertInvalid(String.format(detail, "\"actions\": [\"subscribe\"], \"topics\": [\"a\"]"),
        "a Mercure authorization detail's \"topics\" entry is not an object with a \"match\" string");
    assertInvalid(String.format(detail, "\"actions\": [1], \"topics\": [{\"match\": \"a\"}]"),
        "a Mercure authorization detail's \"actions\" hold something other than strings");
    assertInvalid(String.format(detail, "\"topics\": [{\"match\": \"a\"}]"),
        "a Mercure authorization detail has no \"actions\" array");
    assertInvalid(String.format(detail, "\"actions\": [\"publish\"], \"topics\": []"),
        "a Mercure authorization detail has no \"topics\" array");
    assertInvalid(String.format(detail, "\"actions\": [\"publish\"], \"topics\": [{\"match\": \"https://e.com/(a)\","
        + " \"match_type\": \"urlpattern\"}]"), "its \"authorization_details\" claim holds an invalid urlpattern"
        + " selector: regular-expression groups such as (\\d+) are not supported; use :name or *");
    assertInvalid("{\"mercure\": \"everything\"}", "its \"mercure\" claim is not an object");
    assertInvalid("{\"mercure\": {\"subscribe\": \"a\"}}",
        "its \"mercure.subscribe\" claim is not an array of topic selectors");
    assertInvalid("{\"mercure\": {\"subscribe\": [\"a\", 2]}}",
        "its \"mercure.subscribe\" claim holds something other than topic selectors");
    assertInvalid("{\"mercure\": {\"subscribe\": [\"{broken\"]}}",
        "its \"mercure.subscribe\" claim holds an invalid 0.x selector: a { at position 1 is never closed");
    assertInvalid("{\"mercure\": {\"publish\": " + new JsonArray(java.util.Collections.nCopies(9, "a")).encode()
        + "}}", "its \"mercure.publish\" claim holds more than 8 selectors");
    assertInvalid("{\"authorization_details\": {}}", "its \"authorization_details\" claim is not an array");
  }

  private void assertInvalid(String claims, String reason) {
    assertEquals(reason, assertThrows(InvalidToken.class, () -> grants(claims)).getMessage());
  }
}
