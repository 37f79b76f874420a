package io.ssehub.config;

import io.vertx.core.transport.Transport;

/**
 * {@code http.transport}: how the event loops talk to the kernel. Linux's native transports (Netty's epoll and
 * io_uring, shipped in the jar) cost less CPU per write than the JDK's NIO, which the hub's many small writes feel.
 */
public enum IoTransport {
  /** The native transport when this machine can load one (epoll, else io_uring), NIO otherwise. */
  AUTO,
  EPOLL,
  IO_URING,
  NIO;

  /** The Vert.x transport this choice names; for {@link #AUTO}, the one this machine can run. */
  public Transport resolve() {
    return switch (this) {
      case AUTO -> {
        Transport available = Transport.nativeTransport();
        yield available != null && available.available() ? available : Transport.NIO;
      }
      case EPOLL -> Transport.EPOLL;
      case IO_URING -> Transport.IO_URING;
      case NIO -> Transport.NIO;
    };
  }

  /** For the startup log: the transport in use, and why it is NIO when {@link #AUTO} found no native one. */
  public String describe() {
    Transport resolved = resolve();
    if (this == AUTO && resolved == Transport.NIO) {
      Transport nativeOne = Transport.nativeTransport();
      return "nio (no native transport loads here: " + (nativeOne == null ? "none for this system"
          : nativeOne.unavailabilityCause()) + ")";
    }
    return resolved.name();
  }

  /** Why this explicit choice cannot run here, or null when it can (or is {@link #AUTO}, which always can). */
  String unavailable() {
    Transport transport = resolve();
    if (transport == null) {
      return "Netty has no such transport for this system";
    }
    if (transport.available()) {
      return null;
    }
    Throwable cause = transport.unavailabilityCause();
    return cause == null ? "it did not load" : String.valueOf(cause.getMessage());
  }
}
