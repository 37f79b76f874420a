package io.ssehub.history;

import io.ssehub.config.HistoryConfig;
import io.ssehub.event.EventIds;

/** The in-process history against the {@link HistoryStore} contract. */
class MemoryHistoryTest extends HistoryStoreContract {

  @Override
  protected HistoryStore newStore(HistoryConfig config, EventIds ids) {
    return new MemoryHistory(config, ids);
  }
}
