package io.ssehub.sse;

/** Why an SSE connection closes; it decides what happens to the response. */
enum CloseReason {
  /** The response ended or the connection closed under us: only release resources. */
  ENDED,
  /** The server is shutting down: end the chunked body cleanly so the client sees a normal end and reconnects. */
  SHUTDOWN,
  /** The stream reached {@code sse.maxConnectionLifetimeSeconds}: end it cleanly; the client resumes. */
  LIFETIME,
  /** The subscriber's token expired: end it cleanly; the client must come back with a fresh token. */
  TOKEN_EXPIRED,
  /** The client did not read and its queue hit the limit: close the connection, since the queue will not drain. */
  SLOW_CLIENT,
  /** Live events reach the client later than {@code sse.maxLagSeconds}: a slow client too, found by age. */
  LAGGING
}
