#!/usr/bin/env python3
"""Reads `jfr print --events jdk.ExecutionSample --stack-depth 64` on stdin and splits the event loops' samples into
the stages of ssehub's paths: each sample goes to the first stage of the list below that has a method anywhere on its
stack, so the shares add up to 100% (a stage's share excludes the stages listed before it that it calls).
Usage: jfr print ... | python3 bench/jfr_stages.py"""
import collections
import re
import sys

# (stage, method prefixes), innermost first: a sample counts for the first stage in this order that any of its frames
# matches; the catch-alls come last.
STAGES = [
    ("socket writes (writev/write and the outbound buffer)", ("io.netty.channel.epoll.AbstractEpollStreamChannel.do",
     "io.netty.channel.unix.", "io.netty.channel.ChannelOutboundBuffer", "sun.nio.ch.")),
    ("history (append, index, evict)", ("io.ssehub.history.",)),
    ("metrics (Micrometer, Prometheus)", ("io.micrometer.", "io.prometheus.", "io.vertx.micrometer.")),
    ("fan-out pass (write each stream's duplicate)", ("io.ssehub.sse.SseStreams.pass", "io.ssehub.sse.TopicFanout",
     "io.ssehub.sse.ChannelWriter.write", "io.ssehub.sse.SseConnection.deliver")),
    ("flush task (one flush per written stream)", ("io.ssehub.sse.SseStreams.flushDirty",)),
    ("event bus (publish, dispatch to the loops' consumers)", ("io.vertx.core.eventbus.",)),
    ("publisher (ids, frame encoding, lock)", ("io.ssehub.publish.Publisher", "io.ssehub.event.")),
    ("publish handler and its answer", ("io.ssehub.http.PublishHandler",)),
    ("publish body (read, parse, validate)", ("io.ssehub.http.RequestBody", "io.ssehub.publish.PublishRequests",
     "io.ssehub.text.")),
    ("checks before the route (Host, CORS, rate, token)", ("io.ssehub.http.HostCheck", "io.ssehub.http.CorsPolicy",
     "io.ssehub.http.RequestRateLimiter", "io.ssehub.http.AccessControl", "io.ssehub.http.AccessLog",
     "io.ssehub.web.")),
    ("routing (vertx-web router and context)", ("io.vertx.ext.web.",)),
    ("HTTP request decoding and the server's request handling", ("io.vertx.core.http.impl.",
     "io.netty.handler.codec.http.", "io.ssehub.http.RequestTimeouts", "io.ssehub.http.HttpVersionCheck")),
    ("reading sockets (epoll, decoder)", ("io.netty.channel.epoll.", "io.netty.handler.codec.")),
    ("other Vert.x (contexts, futures, timers)", ("io.vertx.",)),
    ("other Netty (event loop, tasks)", ("io.netty.",)),
]
OTHER = "other (JDK, GC, JIT)"


def stage_of(frames):
    """The stage a sample's frames (dotted method names, in any order) count for."""
    for stage, prefixes in STAGES:
        if any(frame.startswith(prefixes) for frame in frames):
            return stage
    return OTHER


def main():
    counts = collections.Counter()
    total, stack, thread = 0, [], ""

    def flush():
        nonlocal total
        if stack and "eventloop" in thread:
            total += 1
            counts[stage_of(stack)] += 1

    for line in sys.stdin:
        if line.startswith("jdk.ExecutionSample"):
            flush()
            stack, thread = [], ""
            continue
        named = re.search(r'sampledThread = "([^"]+)"', line)
        if named:
            thread = named.group(1)
        match = re.match(r"\s+([\w.$]+\.[\w$<>]+)\(", line)
        if match:
            stack.append(match.group(1))
    flush()
    print(f"{total} samples on the event loops, by stage (each sample counted once):")
    for stage, count in counts.most_common():
        print(f"  {100 * count / total:5.1f}%  {stage}")


if __name__ == "__main__":
    main()
