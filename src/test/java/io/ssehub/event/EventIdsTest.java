package io.ssehub.event;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIdsTest {

  private static final long START = 1_764_000_000_000L;
  private final EventIds ids = new EventIds(START);

  @Test
  void generatedIdsAreRecognisedForTheirOwnSequenceNumberOnly() {
    String id = ids.generate(42);
    assertEquals(42, ids.seqOf(id));
    assertTrue(ids.isGenerated(id, 42));
    assertFalse(ids.isGenerated(id, 4));
    assertFalse(ids.isGenerated(id, 420));
    assertFalse(ids.isGenerated(ids.epoch() + "-042", 42), "no leading zero");
    assertTrue(ids.isGenerated(ids.generate(0), 0));
    assertFalse(ids.isGenerated("order-42", 42));
    assertFalse(ids.isGenerated(ids.epoch() + "-", 0));
    assertFalse(ids.isGenerated(ids.epoch() + "-4x", 4));
    assertFalse(ids.isGenerated(new EventIds(START + 1).generate(42), 42), "another run");
    assertFalse(ids.isGenerated(ids.epoch() + "-" + "9".repeat(19), 0), "too long to be a sequence number");
  }
}
