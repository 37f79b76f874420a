// SPDX-License-Identifier: Apache-2.0
// sse-sub: an independent SSE subscriber for the benchmarks, sharing no code with the Java load tool (ssehub.jar
// bench). One thread, epoll (level-triggered), non-blocking sockets, a fixed 16 KiB buffer per connection. It opens
// N streams to 127.0.0.1, counts the events of the benchmark's publishers ("data: <seq> <ts>"), their gaps and
// repeats, and their publish-to-receive latency, over a window after a warm-up; and, given --pid, the CPU time those
// processes (the server) spent over exactly that window.
//
// Build: gcc -O2 -Wall -Wextra -std=c11 -D_GNU_SOURCE -o sse-sub bench/sse-sub.c
// Usage: see usage() below, or run it without arguments.

#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE 16384                  // per connection: a line (or response head) must fit
#define CONNECT_GRACE_US 60000000LL     // how long connects may take after the ramp
#define MAX_PIDS 32
#define MAX_REASONS 32
#define SEEN_BITS 64                    // per connection: which of the last 64 sequence numbers arrived

// ---- latency histogram: log-linear, 128 sub-buckets per power of two (< 0.8% error), 0 .. 60 s ----------------
#define SUB_BITS 7
#define SUB (1 << SUB_BITS)
#define HIST_MAX_US 60000000LL
#define HIST_BUCKETS 2560               // index of HIST_MAX_US (msb 25: 128 * 18 + 255) + 1

static int hist_index(int64_t v) {
  if (v < 0) v = 0;
  if (v > HIST_MAX_US) v = HIST_MAX_US;
  if (v < 2 * SUB) return (int) v;      // exact below 256 µs
  int shift = 63 - __builtin_clzll((unsigned long long) v) - SUB_BITS;
  return SUB * shift + (int) (v >> shift);
}

// The largest value that falls into bucket i.
static int64_t hist_upper(int i) {
  if (i < 2 * SUB) return i;
  int shift = i / SUB - 1;
  int64_t m = i % SUB + SUB;
  return ((m + 1) << shift) - 1;
}

// ---- counters: everything below is reset when the window opens --------------------------------------------------
struct stats {
  uint64_t events;        // events with at least one data line
  uint64_t other;         // of which not "<seq> <ts>" (a warm-up marker, a server's own message)
  int64_t gaps;           // sequence numbers skipped, less those that arrived late (see on_seq)
  uint64_t duplicates;    // a sequence number seen again (or more than SEEN_BITS behind: indistinguishable)
  uint64_t reordered;     // arrived after a later one, filling a gap
  uint64_t comments;
  uint64_t hist[HIST_BUCKETS];
  uint64_t samples;
  int64_t max_us;
};
static struct stats st;
static bool measuring;

struct reasons {
  char name[MAX_REASONS][96];
  uint64_t count[MAX_REASONS];
  int n;
};
static struct reasons connect_failures, stream_errors;

static void add_reason(struct reasons *r, const char *name, uint64_t k) {
  for (int i = 0; i < r->n; i++) {
    if (strcmp(r->name[i], name) == 0) { r->count[i] += k; return; }
  }
  if (r->n == MAX_REASONS) { r->count[MAX_REASONS - 1] += k; return; }  // the last slot takes the rest
  snprintf(r->name[r->n], sizeof r->name[0], "%s", r->n == MAX_REASONS - 1 ? "other reasons" : name);
  r->count[r->n++] = k;
}

// ---- connections -------------------------------------------------------------------------------------------------
enum state { S_NEW, S_CONNECTING, S_HEAD, S_BODY, S_DONE };
enum chunk { C_SIZE, C_DATA, C_DATA_END, C_TRAILER };

struct conn {
  int fd;
  uint8_t state;
  uint8_t chunk;          // chunked decoding state
  bool chunked;
  bool status_seen;
  bool ev_data;           // the event being read has a data line
  bool ev_parsed;         // ... and its first one was "<seq> <ts>"
  uint32_t sent;          // request bytes sent
  uint32_t len;           // bytes in buf
  uint32_t dlen;          // of which decoded body bytes (the rest: raw bytes of an unfinished chunk-size line)
  uint64_t chunk_left;
  int64_t ev_seq, ev_ts;
  int64_t last_seq;       // highest sequence number seen, -1 before the first
  uint64_t seen;          // bit i: last_seq - i arrived
  char *buf;
};

static struct conn *conns;
static int nconns;
static int epfd;
static int unsettled;                 // connects started, neither streaming nor failed yet
static int connected_total;           // connections that got 200 and a full response head
static int closed_by_server;          // of those, streams the server ended (EOF, reset, last chunk)
static struct sockaddr_in server_addr;
static char request[2048];
static size_t request_len;

static int64_t clock_us(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void finish(struct conn *c) {
  if (c->fd >= 0) close(c->fd);       // close also takes it out of the epoll set
  c->fd = -1;
  c->state = S_DONE;
  free(c->buf);
  c->buf = NULL;
}

// A connection that never reached the body.
static void fail_connect(struct conn *c, const char *reason) {
  add_reason(&connect_failures, reason, 1);
  unsettled--;
  finish(c);
}

static void fail_errno(struct conn *c, const char *what, int err) {
  char reason[96];
  snprintf(reason, sizeof reason, "%s: %s", what, strerror(err));
  fail_connect(c, reason);
}

// A stream that ended: by the server, or for an error of ours (reason != NULL).
static void end_stream(struct conn *c, const char *error) {
  if (error) add_reason(&stream_errors, error, 1);
  else closed_by_server++;
  finish(c);
}

static void start_connect(struct conn *c) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  c->state = S_CONNECTING;
  c->last_seq = -1;
  unsettled++;
  if (c->fd < 0) { fail_errno(c, "socket", errno); return; }
  c->buf = malloc(BUF_SIZE);
  if (!c->buf) { fail_connect(c, "out of memory"); return; }
  if (connect(c->fd, (struct sockaddr *) &server_addr, sizeof server_addr) < 0 && errno != EINPROGRESS) {
    fail_errno(c, "connect", errno);
    return;
  }
  // Writable once connected (or failed): the request goes out then.
  struct epoll_event ev = {.events = EPOLLOUT, .data.ptr = c};
  if (epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) < 0) fail_errno(c, "epoll_ctl", errno);
}

static void send_request(struct conn *c) {
  int err = 0;
  socklen_t len = sizeof err;
  if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
  if (err) { fail_errno(c, "connect", err); return; }
  ssize_t n = send(c->fd, request + c->sent, request_len - c->sent, MSG_NOSIGNAL);
  if (n < 0) {
    if (errno != EAGAIN && errno != EINTR) fail_errno(c, "send", errno);
    return;
  }
  c->sent += (uint32_t) n;
  if (c->sent < request_len) return;
  c->state = S_HEAD;
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
  if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) fail_errno(c, "epoll_ctl", errno);
}

// ---- SSE ---------------------------------------------------------------------------------------------------------
// "<seq> <ts>[ ...]": two decimal numbers. Anything else (the Java tool's "warmup <ts>", say) is another event.
static bool parse_seq_ts(const char *p, size_t n, int64_t *seq, int64_t *ts) {
  size_t i = 0;
  int64_t v[2] = {0, 0};
  for (int k = 0; k < 2; k++) {
    size_t start = i;
    while (i < n && p[i] >= '0' && p[i] <= '9' && i - start < 18) v[k] = v[k] * 10 + (p[i++] - '0');
    if (i == start || (i < n && p[i] != ' ')) return false;
    if (k == 0) i++;                    // the space between them
  }
  *seq = v[0];
  *ts = v[1];
  return true;
}

// Gap and repeat accounting per connection. A jump ahead counts the skipped numbers as missing at once; one of them
// arriving late (within SEEN_BITS) takes its count back and is counted as reordered, so that a publisher's requests
// overtaking each other do not read as losses.
static void on_seq(struct conn *c, int64_t seq) {
  if (c->last_seq < 0) {
    c->last_seq = seq;
    c->seen = 1;
    return;
  }
  if (seq > c->last_seq) {
    int64_t jump = seq - c->last_seq;
    if (measuring) st.gaps += jump - 1;
    c->seen = jump >= SEEN_BITS ? 1 : (c->seen << jump) | 1;
    c->last_seq = seq;
    return;
  }
  int64_t back = c->last_seq - seq;
  if (back >= SEEN_BITS || (c->seen & (1ULL << back))) {
    if (measuring) st.duplicates++;
  } else {
    c->seen |= 1ULL << back;
    if (measuring) { st.gaps--; st.reordered++; }
  }
}

static void end_event(struct conn *c, int64_t now_us) {
  if (!c->ev_data) return;            // only comments or fields without data: no event
  c->ev_data = false;
  if (measuring) st.events++;
  if (!c->ev_parsed) {
    if (measuring) st.other++;
    return;
  }
  on_seq(c, c->ev_seq);
  if (measuring) {
    int64_t latency = now_us - c->ev_ts;
    st.hist[hist_index(latency)]++;
    st.samples++;
    if (latency > st.max_us) st.max_us = latency;
  }
}

static void sse_line(struct conn *c, const char *line, size_t n, int64_t now_us) {
  if (n == 0) { end_event(c, now_us); return; }
  if (line[0] == ':') { if (measuring) st.comments++; return; }
  // "data" alone is a data line with an empty value; "data:value" and "data: value" (one space dropped) too.
  if (n >= 4 && memcmp(line, "data", 4) == 0 && (n == 4 || line[4] == ':')) {
    if (!c->ev_data) {
      const char *v = line + 5;
      size_t vn = n > 5 ? n - 5 : 0;
      if (vn > 0 && *v == ' ') { v++; vn--; }
      c->ev_data = true;
      c->ev_parsed = n > 5 && parse_seq_ts(v, vn, &c->ev_seq, &c->ev_ts);
    }
  }
  // id:, event:, retry: and unknown fields are not events.
}

// Hands every complete line of the decoded body bytes [0, dlen) to sse_line and keeps the unfinished one.
static void sse_lines(struct conn *c, int64_t now_us) {
  uint32_t pos = 0;
  for (;;) {
    char *start = c->buf + pos;
    char *nl = memchr(start, '\n', c->dlen - pos);
    if (!nl) break;
    size_t n = (size_t) (nl - start);
    sse_line(c, start, n > 0 && start[n - 1] == '\r' ? n - 1 : n, now_us);
    pos += (uint32_t) n + 1;
  }
  if (pos > 0) {
    memmove(c->buf, c->buf + pos, c->len - pos);
    c->dlen -= pos;
    c->len -= pos;
  }
}

// ---- HTTP --------------------------------------------------------------------------------------------------------
static bool contains_ci(const char *p, size_t n, const char *word) {
  size_t w = strlen(word);
  for (size_t i = 0; i + w <= n; i++) {
    if (strncasecmp(p + i, word, w) == 0) return true;
  }
  return false;
}

// Chunked transfer coding, decoded in place: the data of chunks moves down to follow the decoded bytes [0, dlen),
// the framing is dropped, and an unfinished framing line stays right after them for the next read.
// Returns 0 to go on, 1 at the last chunk (the server ended the stream), -1 on a malformed chunk.
static int dechunk(struct conn *c) {
  uint32_t in = c->dlen, out = c->dlen;
  int result = 0;
  while (in < c->len && result == 0) {
    if (c->chunk == C_DATA) {
      uint32_t n = c->len - in;
      if (n > c->chunk_left) n = (uint32_t) c->chunk_left;
      if (out != in) memmove(c->buf + out, c->buf + in, n);
      out += n;
      in += n;
      c->chunk_left -= n;
      if (c->chunk_left == 0) c->chunk = C_DATA_END;
      continue;
    }
    char *line = c->buf + in;
    char *nl = memchr(line, '\n', c->len - in);
    if (!nl) break;
    size_t n = (size_t) (nl - line);
    in += (uint32_t) n + 1;
    if (n > 0 && line[n - 1] == '\r') n--;
    if (c->chunk == C_DATA_END) {      // the CRLF after a chunk's data
      if (n != 0) result = -1;
      c->chunk = C_SIZE;
    } else if (c->chunk == C_SIZE) {   // hex size, then optional ";extensions" or blanks
      uint64_t size = 0;
      size_t i = 0;
      for (; i < n && i < 15; i++) {
        char h = line[i];
        int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
            : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        if (d < 0) break;
        size = size * 16 + (uint64_t) d;
      }
      if (i == 0 || (i < n && line[i] != ';' && line[i] != ' ' && line[i] != '\t')) {
        result = -1;
      } else if (size == 0) {
        c->chunk = C_TRAILER;
      } else {
        c->chunk_left = size;
        c->chunk = C_DATA;
      }
    } else if (n == 0) {               // C_TRAILER: trailer fields until a blank line
      result = 1;
    }
  }
  uint32_t rest = c->len - in;
  if (rest > 0 && out != in) memmove(c->buf + out, c->buf + in, rest);
  c->dlen = out;
  c->len = out + rest;
  return result;
}

// Reads the status line and headers; on the blank line the connection streams. Returns false if it failed.
static bool read_head(struct conn *c) {
  uint32_t pos = 0;
  while (c->state == S_HEAD) {
    char *line = c->buf + pos;
    char *nl = memchr(line, '\n', c->len - pos);
    if (!nl) break;
    size_t n = (size_t) (nl - line);
    pos += (uint32_t) n + 1;
    if (n > 0 && line[n - 1] == '\r') n--;
    if (!c->status_seen) {            // "HTTP/1.1 200 OK"
      c->status_seen = true;
      if (n < 12 || strncmp(line, "HTTP/1.", 7) != 0 || line[8] != ' ') {
        fail_connect(c, "malformed status line");
        return false;
      }
      if (memcmp(line + 9, "200", 3) != 0) {
        char reason[32];
        snprintf(reason, sizeof reason, "status %.3s", line + 9);
        fail_connect(c, reason);
        return false;
      }
    } else if (n == 0) {
      c->state = S_BODY;
      unsettled--;
      connected_total++;
    } else if (n > 18 && strncasecmp(line, "transfer-encoding:", 18) == 0 && contains_ci(line + 18, n - 18,
        "chunked")) {
      c->chunked = true;
    }
  }
  memmove(c->buf, c->buf + pos, c->len - pos);
  c->len -= pos;
  c->dlen = 0;
  if (c->state == S_HEAD && c->len == BUF_SIZE) {
    fail_connect(c, "response head longer than the buffer");
    return false;
  }
  return true;
}

static void on_readable(struct conn *c, int64_t now_us) {
  // Level-triggered: one read per readiness; epoll reports the connection again while bytes are left.
  ssize_t r = read(c->fd, c->buf + c->len, BUF_SIZE - c->len);
  if (r < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (r <= 0) {
    if (c->state == S_HEAD) {
      if (r == 0) fail_connect(c, "closed before the response head");
      else fail_errno(c, "read", errno);
    } else {
      end_stream(c, NULL);              // EOF or reset while streaming: the server ended it
    }
    return;
  }
  c->len += (uint32_t) r;
  if (c->state == S_HEAD && (!read_head(c) || c->state == S_HEAD)) return;
  int ended = 0;
  if (c->chunked) {
    ended = dechunk(c);
    if (ended < 0) { end_stream(c, "malformed chunk"); return; }
  } else {
    c->dlen = c->len;                   // identity or close-delimited: every byte is body
  }
  sse_lines(c, now_us);
  if (ended) {
    end_stream(c, NULL);
  } else if (c->len == BUF_SIZE) {
    end_stream(c, "line longer than the buffer");
  }
}

// ---- process CPU time --------------------------------------------------------------------------------------------
// utime and stime (fields 14 and 15 of /proc/PID/stat, clock ticks), counted after the command name's ')'.
static bool proc_cpu(int pid, uint64_t *user, uint64_t *sys) {
  char path[64], text[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  FILE *f = fopen(path, "r");
  if (!f) return false;
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  char *p = strrchr(text, ')');
  if (!p) return false;
  unsigned long long u, s;
  // After ')': state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt(13) utime(14) stime(15)
  if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &u, &s) != 2) return false;
  *user = u;
  *sys = s;
  return true;
}

struct sample {
  int64_t mono_us;
  double self_user, self_sys;
  uint64_t server_user, server_sys;   // ticks, summed over --pid
  bool server_ok;
};

static int pids[MAX_PIDS];
static int npids;

static void take_sample(struct sample *s) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  s->self_user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
  s->self_sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  s->server_user = s->server_sys = 0;
  s->server_ok = true;
  for (int i = 0; i < npids; i++) {
    uint64_t u, y;
    if (proc_cpu(pids[i], &u, &y)) { s->server_user += u; s->server_sys += y; } else s->server_ok = false;
  }
  s->mono_us = clock_us(CLOCK_MONOTONIC);
}

// ---- report ------------------------------------------------------------------------------------------------------
static int64_t quantile(double q) {
  if (st.samples == 0) return 0;
  uint64_t rank = (uint64_t) (q * (double) st.samples);
  if ((double) rank < q * (double) st.samples) rank++;
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (int i = 0; i < HIST_BUCKETS; i++) {
    seen += st.hist[i];
    if (seen >= rank) {
      int64_t v = hist_upper(i);
      return v < st.max_us ? v : st.max_us;
    }
  }
  return st.max_us;
}

static void json_reasons(const struct reasons *r) {
  putchar('{');
  for (int i = 0; i < r->n; i++) {
    printf("%s\"", i ? "," : "");
    for (const char *p = r->name[i]; *p; p++) {
      if (*p == '"' || *p == '\\') putchar('\\');
      if ((unsigned char) *p >= 0x20) putchar(*p);
    }
    printf("\":%" PRIu64, r->count[i]);
  }
  putchar('}');
}

static void report(bool json, double seconds, const struct sample *a, const struct sample *b) {
  double self_user = b->self_user - a->self_user, self_sys = b->self_sys - a->self_sys;
  long hz = sysconf(_SC_CLK_TCK);
  double srv_user = (double) (b->server_user - a->server_user) / (double) hz;
  double srv_sys = (double) (b->server_sys - a->server_sys) / (double) hz;
  bool srv = npids > 0 && a->server_ok && b->server_ok;
  uint64_t missing = st.gaps > 0 ? (uint64_t) st.gaps : 0;
  double rate = st.events / seconds;
  if (json) {
    printf("{\"clients\":%d,\"connected\":%d,\"connectFailures\":", nconns, connected_total);
    json_reasons(&connect_failures);
    printf(",\"streamErrors\":");
    json_reasons(&stream_errors);
    printf(",\"seconds\":%.3f,\"events\":%" PRIu64 ",\"eventsPerSecond\":%.1f,\"otherEvents\":%" PRIu64
        ",\"missing\":%" PRIu64 ",\"duplicates\":%" PRIu64 ",\"reordered\":%" PRIu64 ",\"comments\":%" PRIu64,
        seconds, st.events, rate, st.other, missing, st.duplicates, st.reordered, st.comments);
    printf(",\"latencyMicros\":{\"samples\":%" PRIu64 ",\"p50\":%" PRId64 ",\"p90\":%" PRId64 ",\"p99\":%" PRId64
        ",\"p999\":%" PRId64 ",\"max\":%" PRId64 "}", st.samples, quantile(0.5), quantile(0.9), quantile(0.99),
        quantile(0.999), st.max_us);
    printf(",\"closedByServer\":%d,\"clientCpuSeconds\":%.3f,\"clientUserSeconds\":%.3f,\"clientSystemSeconds\":%.3f",
        closed_by_server, self_user + self_sys, self_user, self_sys);
    if (npids > 0) {
      printf(",\"serverCpu\":{\"pids\":[");
      for (int i = 0; i < npids; i++) printf("%s%d", i ? "," : "", pids[i]);
      if (srv) printf("],\"userSeconds\":%.2f,\"systemSeconds\":%.2f}", srv_user, srv_sys);
      else printf("],\"userSeconds\":null,\"systemSeconds\":null}");
    }
    printf("}\n");
    return;
  }
  printf("clients            %d, connected %d, closed by the server %d\n", nconns, connected_total,
      closed_by_server);
  for (int i = 0; i < connect_failures.n; i++)
    printf("connect failure    %s: %" PRIu64 "\n", connect_failures.name[i], connect_failures.count[i]);
  for (int i = 0; i < stream_errors.n; i++)
    printf("stream error       %s: %" PRIu64 "\n", stream_errors.name[i], stream_errors.count[i]);
  printf("window             %.3f s\n", seconds);
  printf("events             %" PRIu64 " (%.1f/s; other %" PRIu64 ")\n", st.events, rate, st.other);
  printf("missing            %" PRIu64 " (duplicates %" PRIu64 ", reordered %" PRIu64 ")\n", missing,
      st.duplicates, st.reordered);
  printf("latency            p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms (%" PRIu64 " samples)\n",
      quantile(0.5) / 1e3, quantile(0.9) / 1e3, quantile(0.99) / 1e3, quantile(0.999) / 1e3, st.max_us / 1e3,
      st.samples);
  printf("own CPU            %.3f s (user %.3f, system %.3f)\n", self_user + self_sys, self_user, self_sys);
  if (srv) {
    printf("server CPU         %.2f s (user %.2f, system %.2f)", srv_user + srv_sys, srv_user, srv_sys);
    if (st.events > 0) printf(", %.2f µs per event", (srv_user + srv_sys) * 1e6 / (double) st.events);
    printf("\n");
  }
}

// ---- command line ------------------------------------------------------------------------------------------------
static void usage(const char *error) {
  if (error) fprintf(stderr, "sse-sub: %s\n", error);
  fprintf(stderr,
      "Usage: sse-sub --url http://127.0.0.1:PORT/PATH?QUERY --clients N --seconds S\n"
      "               [--ramp-seconds R] [--warmup-seconds W] [--pid PID]... [--json]\n"
      "  --url              the SSE stream; only 127.0.0.1 is allowed\n"
      "  --clients N        connections to open\n"
      "  --seconds S        measurement window\n"
      "  --ramp-seconds R   spread the connects over R seconds (default 5; 0: all at once)\n"
      "  --warmup-seconds W after all connected (or ramp + 60 s), wait W seconds before the window (default 5)\n"
      "  --pid PID          sum this process's CPU time over the window (repeatable)\n"
      "  --json             one JSON line instead of a table\n"
      "Events must carry 'data: <seq> <ts>' (ts: publish time, microseconds since the epoch) to count for gaps and\n"
      "latency; other data events are counted as 'other'.\n");
  exit(2);
}

static double number(const char *option, const char *value, double min, double max) {
  char *end;
  errno = 0;
  double v = strtod(value, &end);
  if (errno || end == value || *end || !(v >= min && v <= max)) {
    char message[160];
    snprintf(message, sizeof message, "%s must be a number from %g to %g, not '%s'", option, min, max, value);
    usage(message);
  }
  return v;
}

// http://127.0.0.1[:PORT][/PATH][?QUERY]
static void parse_url(const char *url) {
  const char *p = url;
  if (strncmp(p, "http://", 7) != 0) usage("--url must start with http://");
  p += 7;
  if (strncmp(p, "127.0.0.1", 9) != 0 || (p[9] && p[9] != ':' && p[9] != '/' && p[9] != '?'))
    usage("--url: only 127.0.0.1 is allowed");
  p += 9;
  long port = 80;
  if (*p == ':') {
    char *end;
    port = strtol(p + 1, &end, 10);
    if (end == p + 1 || port < 1 || port > 65535) usage("--url: bad port");
    p = end;
  }
  if (*p && *p != '/' && *p != '?') usage("--url: bad URL");
  const char *slash = *p == '/' ? "" : "/";
  int n = snprintf(request, sizeof request,
      "GET %s%s HTTP/1.1\r\nHost: 127.0.0.1:%ld\r\nAccept: text/event-stream\r\n\r\n", slash, p, port);
  if (n < 0 || (size_t) n >= sizeof request) usage("--url too long");
  request_len = (size_t) n;
  server_addr.sin_family = AF_INET;
  server_addr.sin_port = htons((uint16_t) port);
  server_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

static void raise_fd_limit(int n) {
  struct rlimit rl;
  rlim_t want = (rlim_t) n + 64;
  if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur >= want) return;
  struct rlimit up = {want, rl.rlim_max >= want ? rl.rlim_max : want};
  if (setrlimit(RLIMIT_NOFILE, &up) < 0) {
    rl.rlim_cur = rl.rlim_max;        // not allowed to raise the hard limit: take what there is
    setrlimit(RLIMIT_NOFILE, &rl);
    fprintf(stderr, "sse-sub: open files limited to %llu (wanted %llu)\n", (unsigned long long) rl.rlim_max,
        (unsigned long long) want);
  }
}

int main(int argc, char **argv) {
  const char *url = NULL;
  double clients = -1, seconds = -1, ramp = 5, warmup = 5;
  bool json = false;
  for (int i = 1; i < argc; i++) {
    const char *o = argv[i];
    if (strcmp(o, "--json") == 0) { json = true; continue; }
    if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) usage(NULL);
    if (i + 1 >= argc) {
      char message[96];
      snprintf(message, sizeof message, "%s needs a value", o);
      usage(message);
    }
    const char *v = argv[++i];
    if (strcmp(o, "--url") == 0) url = v;
    else if (strcmp(o, "--clients") == 0) clients = number(o, v, 1, 1000000);
    else if (strcmp(o, "--seconds") == 0) seconds = number(o, v, 0.001, 86400);
    else if (strcmp(o, "--ramp-seconds") == 0) ramp = number(o, v, 0, 3600);
    else if (strcmp(o, "--warmup-seconds") == 0) warmup = number(o, v, 0, 3600);
    else if (strcmp(o, "--pid") == 0) {
      if (npids == MAX_PIDS) usage("too many --pid");
      pids[npids++] = (int) number(o, v, 1, 4194304);
    } else {
      char message[96];
      snprintf(message, sizeof message, "unknown option %s", o);
      usage(message);
    }
  }
  if (!url) usage("--url is required");
  if (clients < 0) usage("--clients is required");
  if (seconds < 0) usage("--seconds is required");
  if (clients != (int) clients) usage("--clients must be a whole number");
  parse_url(url);
  nconns = (int) clients;
  raise_fd_limit(nconns);
  signal(SIGPIPE, SIG_IGN);

  conns = calloc((size_t) nconns, sizeof *conns);
  epfd = epoll_create1(EPOLL_CLOEXEC);
  if (!conns || epfd < 0) { perror("sse-sub"); return 1; }
  for (int i = 0; i < nconns; i++) conns[i].fd = -1;

  enum { SETUP, WARMUP, MEASURE } phase = SETUP;
  int64_t ramp_us = (int64_t) (ramp * 1e6), t0 = clock_us(CLOCK_MONOTONIC);
  int64_t giveup = t0 + ramp_us + CONNECT_GRACE_US, phase_end = 0;
  struct sample before = {0}, after = {0};
  int next = 0;                         // the next connection to start
  struct epoll_event events[512];
  for (;;) {
    int64_t now = clock_us(CLOCK_MONOTONIC);
    while (next < nconns && now >= t0 + ramp_us * next / nconns) start_connect(&conns[next++]);
    if (phase == SETUP && ((next == nconns && unsettled == 0) || now >= giveup)) {
      if (unsettled > 0) {              // still connecting after ramp + 60 s: counted, and given up
        char reason[64];
        snprintf(reason, sizeof reason, "not connected within ramp + %lld s", CONNECT_GRACE_US / 1000000);
        for (int i = 0; i < nconns; i++) {
          if (conns[i].state == S_CONNECTING || conns[i].state == S_HEAD) fail_connect(&conns[i], reason);
        }
      }
      fprintf(stderr, "sse-sub: %d of %d connected in %.1f s; warming up for %.1f s\n", connected_total, nconns,
          (now - t0) / 1e6, warmup);
      phase = WARMUP;
      phase_end = now + (int64_t) (warmup * 1e6);
    }
    if (phase == WARMUP && now >= phase_end) {
      memset(&st, 0, sizeof st);
      measuring = true;
      take_sample(&before);
      fprintf(stderr, "sse-sub: measuring for %.1f s\n", seconds);
      phase = MEASURE;
      phase_end = before.mono_us + (int64_t) (seconds * 1e6);
    }
    if (phase == MEASURE && now >= phase_end) {
      take_sample(&after);
      break;
    }
    // Sleep until the next connect or the end of the phase, at most 1 s.
    int64_t wake = phase == SETUP ? giveup : phase_end;
    if (next < nconns && t0 + ramp_us * next / nconns < wake) wake = t0 + ramp_us * next / nconns;
    int64_t wait_us = wake - now;
    int timeout = wait_us <= 0 ? 0 : wait_us >= 1000000 ? 1000 : (int) ((wait_us + 999) / 1000);
    int n = epoll_wait(epfd, events, 512, timeout);
    if (n < 0 && errno != EINTR) { perror("sse-sub: epoll_wait"); return 1; }
    int64_t received_us = clock_us(CLOCK_REALTIME);  // one receive time per batch: the publisher's clock
    for (int i = 0; i < n; i++) {
      struct conn *c = events[i].data.ptr;
      if (c->state == S_CONNECTING) send_request(c);
      else if (c->state == S_HEAD || c->state == S_BODY) on_readable(c, received_us);
    }
  }
  measuring = false;
  report(json, (after.mono_us - before.mono_us) / 1e6, &before, &after);
  fflush(stdout);
  return 0;
}
