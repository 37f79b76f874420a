package io.ssehub.http;

import io.ssehub.cluster.HubCluster;
import io.ssehub.mercure.MercureProtocol;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.publish.Publisher;
import io.ssehub.sse.ConnectionRegistry;
import io.vertx.ext.healthchecks.HealthChecks;

import java.time.Clock;

/**
 * What every HTTP verticle shares with the others, whichever event loop it runs on.
 *
 * @param registry       open streams and their counts, and the connection limits
 * @param publisher      the one publish path
 * @param cluster        this node's view of its cluster, for {@code /stats}
 * @param publishLimiter publish requests per client address
 * @param readiness      whether the hub takes traffic, for {@code /health/ready}
 * @param healthChecks   the checks {@code /health} runs
 * @param accessControl  who may subscribe and publish
 * @param metrics        the meters {@code /metrics} serves
 * @param clock          the hub's clock, which stamps events
 * @param mercure        the Mercure protocol, or null when {@code mercure.enabled} is off
 */
public record HttpServices(ConnectionRegistry registry, Publisher publisher, HubCluster cluster,
                           RequestRateLimiter publishLimiter,
                           Readiness readiness, HealthChecks healthChecks, AccessControl accessControl,
                           HubMetrics metrics, Clock clock, MercureProtocol mercure) {
}
