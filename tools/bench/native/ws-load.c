// Native load generator for the fanout benchmark (tools/bench/src/fanout-run.ts, --generator native):
// the same job as fanout-load.ts — COUNT WebSocket clients, append → receipt latency from each frame's
// seq, nothing parsed beyond that — on epoll in C, so that on a 2-core machine the clients take as
// little CPU as a client can (the kernel's receive path is what is left) and the server under test
// gets the rest. One thread, level-triggered epoll, one shared read buffer.
//
// Environment: MODE (uws | sio), PORT, COUNT, LOCAL_ADDRESS (source address to bind), TOKENS_FILE
// (COUNT socket tickets, one per line). Commands, one per line on stdin: connect, measure, report,
// close; each answered by one JSON line on stdout: {"cmd":"…","result":{…}}, as fanout-load.ts
// answers over IPC. Exits when stdin closes.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_MS 10000
#define CONCURRENCY 200
#define READ_BUFFER (256 * 1024)

enum phase { CONNECTING, UPGRADING, OPEN, CLOSED };

typedef struct {
  int fd;
  enum phase phase;
  int acked;          // uws: upgraded; sio: CONNECT acknowledged
  char *pending;      // an incomplete frame (or HTTP head) kept from the last read
  size_t pending_len;
  const char *token;
} conn_t;

static int is_sio, port, count;
static const char *local_address;
static char **tokens;
static conn_t *conns;
static int epfd;
static int next_to_open, opening, connected_n, failed_n, open_n, unexpected_closes;
static long long connect_started_ms;
static int connect_requested, connect_answered;
static int measuring;
static unsigned long long received, bytes_in;
static unsigned int all_hist[MAX_MS + 1], prio_hist[MAX_MS + 1];
static char read_buffer[READ_BUFFER];

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void die(const char *what) {
  perror(what);
  exit(1);
}

// A masked client frame (RFC 6455 5.3); the mask is fixed: it protects proxies, not this loopback.
static void send_frame(conn_t *c, int opcode, const char *payload, size_t len) {
  unsigned char frame[16 + 4096];
  if (len > 4096) return;
  size_t head = 0;
  frame[head++] = 0x80 | opcode;
  if (len < 126) frame[head++] = 0x80 | len;
  else {
    frame[head++] = 0x80 | 126;
    frame[head++] = (len >> 8) & 0xff;
    frame[head++] = len & 0xff;
  }
  const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
  memcpy(frame + head, mask, 4);
  head += 4;
  for (size_t i = 0; i < len; i++) frame[head + i] = (unsigned char)payload[i] ^ mask[i & 3];
  // Control frames and the Socket.IO handshake are tiny: a short write would mean a dead socket.
  if (write(c->fd, frame, head + len) < 0 && errno != EAGAIN) return;
}

static void send_text(conn_t *c, const char *text) { send_frame(c, 0x1, text, strlen(text)); }

/** The ms part of the first `seq` in the frame's head, or -1 (as seqMs in fanout-load.ts). */
static long long seq_ms(const unsigned char *p, size_t len) {
  size_t end = len < 43 ? (len >= 3 ? len - 3 : 0) : 40;
  for (size_t i = 0; i < end; i++) {
    if (p[i] != 's' || p[i + 1] != 'e' || p[i + 2] != 'q') continue;
    size_t j = i + 3;
    while (j < len && (p[j] < '0' || p[j] > '9')) j++;
    long long ms = 0;
    for (; j < len && p[j] >= '0' && p[j] <= '9'; j++) ms = ms * 10 + (p[j] - '0');
    return ms;
  }
  return -1;
}

static void record(const unsigned char *p, size_t len, long long at) {
  long long ms = seq_ms(p, len);
  if (ms < 0) return;
  received++;
  bytes_in += len;
  if (!measuring) return;
  long long lat = at - ms;
  if (lat < 0) lat = 0;
  if (lat > MAX_MS) lat = MAX_MS;
  all_hist[lat]++;
  // A single priority pattern's event is `streaming_pattern`; batches are `streaming_patterns_batch`.
  static const char prio[] = "streaming_pattern";
  size_t scan = len < 120 ? len : 120, plen = sizeof prio - 1;
  const unsigned char *hit = memmem(p, scan, prio, plen);
  if (hit && (size_t)(hit - p) + plen < len && hit[plen] != 's') prio_hist[lat]++;
}

static void on_text(conn_t *c, const unsigned char *p, size_t len, long long at) {
  if (!is_sio) return record(p, len, at);
  if (len == 1 && p[0] == '2') return send_text(c, "3"); // Engine.IO ping → pong
  if (len >= 1 && p[0] == '0') {                          // open → Socket.IO CONNECT with auth
    char msg[2048];
    snprintf(msg, sizeof msg, "40{\"token\":\"%s\"}", c->token);
    return send_text(c, msg);
  }
  if (len >= 2 && p[0] == '4' && p[1] == '0' && !c->acked) {
    c->acked = 1;
    connected_n++;
    opening--;
    return;
  }
  if (len >= 2 && p[0] == '4' && p[1] == '4') return; // CONNECT_ERROR: counted when the socket closes
  record(p, len, at);
}

static void close_conn(conn_t *c, int expected) {
  if (c->phase == CLOSED) return;
  if (!c->acked) { // never became a client: counted as failed
    opening--;
    failed_n++;
    if (c->phase == OPEN) open_n--;
  } else {
    open_n--;
    if (!expected) unexpected_closes++;
  }
  epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  c->phase = CLOSED;
  free(c->pending);
  c->pending = NULL;
  c->pending_len = 0;
}

static void keep_pending(conn_t *c, const unsigned char *from, size_t len) {
  char *copy = malloc(len);
  if (!copy) die("malloc");
  memcpy(copy, from, len);
  free(c->pending);
  c->pending = copy;
  c->pending_len = len;
}

static void on_readable(conn_t *c) {
  for (;;) {
    size_t have = c->pending_len;
    if (have >= READ_BUFFER) return close_conn(c, 0);
    if (have) memcpy(read_buffer, c->pending, have);
    ssize_t n = read(c->fd, read_buffer + have, READ_BUFFER - have);
    if (n == 0) return close_conn(c, 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return;
      return close_conn(c, 0);
    }
    long long at = now_ms();
    free(c->pending);
    c->pending = NULL;
    c->pending_len = 0;
    const unsigned char *buf = (const unsigned char *)read_buffer;
    size_t len = have + (size_t)n, i = 0;
    if (c->phase == UPGRADING) {
      const unsigned char *end = memmem(buf, len, "\r\n\r\n", 4);
      if (!end) return keep_pending(c, buf, len);
      if (len < 12 || memcmp(buf + 8, " 101", 4) != 0) return close_conn(c, 0);
      c->phase = OPEN;
      open_n++;
      if (!is_sio) {
        c->acked = 1;
        connected_n++;
        opening--;
      }
      i = (size_t)(end - buf) + 4;
    }
    while (i + 2 <= len) {
      int opcode = buf[i] & 0x0f;
      size_t plen = buf[i + 1] & 0x7f, head = 2;
      if (plen == 126) {
        if (i + 4 > len) break;
        plen = ((size_t)buf[i + 2] << 8) | buf[i + 3];
        head = 4;
      } else if (plen == 127) {
        if (i + 10 > len) break;
        plen = 0;
        for (int k = 0; k < 8; k++) plen = (plen << 8) | buf[i + 2 + k];
        head = 10;
      }
      if (i + head + plen > len) break;
      const unsigned char *payload = buf + i + head;
      if (opcode == 0x1) on_text(c, payload, plen, at);
      else if (opcode == 0x9) send_frame(c, 0xa, (const char *)payload, plen); // ping → pong
      else if (opcode == 0x8) return close_conn(c, 0);
      i += head + plen;
    }
    if (i < len) keep_pending(c, buf + i, len - i);
    if ((size_t)n < READ_BUFFER - have) return; // the socket is drained
  }
}

static void start_one(void) {
  conn_t *c = &conns[next_to_open];
  c->token = tokens[next_to_open];
  next_to_open++;
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    failed_n++;
    c->phase = CLOSED;
    return;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in local = {.sin_family = AF_INET, .sin_port = 0};
  inet_pton(AF_INET, local_address, &local.sin_addr);
  if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) die("bind");
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  c->fd = fd;
  c->phase = CONNECTING;
  opening++;
  struct epoll_event ev = {.events = EPOLLOUT | EPOLLIN, .data.ptr = c};
  epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
  if (connect(fd, (struct sockaddr *)&to, sizeof to) < 0 && errno != EINPROGRESS) close_conn(c, 0);
}

static void on_connected(conn_t *c) {
  int err = 0;
  socklen_t l = sizeof err;
  getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
  if (err) return close_conn(c, 0);
  char req[4096];
  int n = is_sio ? snprintf(req, sizeof req,
                            "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
                            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                            port)
                 : snprintf(req, sizeof req,
                            "GET /ws?token=%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                            c->token, port);
  if (write(c->fd, req, (size_t)n) != n) return close_conn(c, 0);
  c->phase = UPGRADING;
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
  epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

static void answer(const char *cmd, const char *result) {
  printf("{\"cmd\":\"%s\",\"result\":%s}\n", cmd, result);
  fflush(stdout);
}

static void cpu_json(char *out, size_t size) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  snprintf(out, size, "{\"user\":%lld,\"system\":%lld}", (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec,
           (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec);
}

static void print_hist(const unsigned int *h) {
  putchar('[');
  for (int i = 0; i <= MAX_MS; i++) printf(i ? ",%u" : "%u", h[i]);
  putchar(']');
}

static void on_command(const char *cmd) {
  char cpu[128], result[512];
  if (!strcmp(cmd, "connect")) {
    connect_requested = 1;
    connect_started_ms = now_ms();
  } else if (!strcmp(cmd, "measure")) {
    memset(all_hist, 0, sizeof all_hist);
    memset(prio_hist, 0, sizeof prio_hist);
    received = bytes_in = 0;
    measuring = 1;
    cpu_json(cpu, sizeof cpu);
    snprintf(result, sizeof result, "{\"cpu\":%s}", cpu);
    answer(cmd, result);
  } else if (!strcmp(cmd, "report")) {
    measuring = 0;
    cpu_json(cpu, sizeof cpu);
    printf("{\"cmd\":\"report\",\"result\":{\"received\":%llu,\"bytes\":%llu,\"cpu\":%s,\"unexpectedCloses\":%d,\"open\":%d,\"all\":", received,
           bytes_in, cpu, unexpected_closes, open_n);
    print_hist(all_hist);
    printf(",\"priority\":");
    print_hist(prio_hist);
    printf("}}\n");
    fflush(stdout);
  } else if (!strcmp(cmd, "close")) {
    for (int i = 0; i < next_to_open; i++) close_conn(&conns[i], 1);
    answer(cmd, "{}");
  }
}

static void on_stdin(void) {
  static char line[256];
  static size_t used;
  ssize_t n = read(0, line + used, sizeof line - used - 1);
  if (n <= 0) exit(0);
  used += (size_t)n;
  char *nl;
  while ((nl = memchr(line, '\n', used))) {
    *nl = 0;
    on_command(line);
    size_t rest = used - (size_t)(nl - line) - 1;
    memmove(line, nl + 1, rest);
    used = rest;
  }
}

static char **read_tokens(const char *path, int n) {
  FILE *f = fopen(path, "r");
  if (!f) die(path);
  char **out = calloc((size_t)n, sizeof *out);
  char *line = NULL;
  size_t cap = 0;
  for (int i = 0; i < n; i++) {
    ssize_t len = getline(&line, &cap, f);
    if (len <= 0) {
      fprintf(stderr, "%s: %d tokens, %d wanted\n", path, i, n);
      exit(1);
    }
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
    out[i] = strdup(line);
  }
  free(line);
  fclose(f);
  return out;
}

int main(void) {
  const char *mode = getenv("MODE"), *p = getenv("PORT"), *n = getenv("COUNT"), *tf = getenv("TOKENS_FILE");
  if (!p || !n || !tf) {
    fprintf(stderr, "ws-load: PORT, COUNT and TOKENS_FILE are required\n");
    return 2;
  }
  is_sio = mode && !strcmp(mode, "sio");
  port = atoi(p);
  count = atoi(n);
  local_address = getenv("LOCAL_ADDRESS") ? getenv("LOCAL_ADDRESS") : "127.0.0.1";
  tokens = read_tokens(tf, count);
  conns = calloc((size_t)count, sizeof *conns);
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  epfd = epoll_create1(0);
  if (epfd < 0) die("epoll_create1");
  struct epoll_event in = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(epfd, EPOLL_CTL_ADD, 0, &in);
  struct epoll_event events[512];
  for (;;) {
    while (connect_requested && !connect_answered && next_to_open < count && opening < CONCURRENCY) start_one();
    if (connect_requested && !connect_answered && next_to_open == count && opening == 0) {
      char result[128];
      snprintf(result, sizeof result, "{\"connected\":%d,\"failed\":%d,\"ms\":%lld}", connected_n, failed_n, now_ms() - connect_started_ms);
      answer("connect", result);
      connect_answered = 1;
    }
    int ready = epoll_wait(epfd, events, 512, 100);
    for (int k = 0; k < ready; k++) {
      conn_t *c = events[k].data.ptr;
      if (!c) {
        on_stdin();
        continue;
      }
      if (c->phase == CLOSED) continue;
      if (c->phase == CONNECTING) {
        if (events[k].events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) on_connected(c);
        continue;
      }
      if (events[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c);
    }
  }
}
