// wasi:http/outgoing-handler: one request, described by the arguments, and what came back.
//   http_outgoing METHOD SCHEME AUTHORITY PATH [BODY-BYTES|- [FIRST-BYTE-TIMEOUT-MS]]
//   http_outgoing TWO AUTHORITY   (two requests in flight, one poll: see two())
// A body ("-": none) of BODY-BYTES bytes (byte i is i % 251) is written through the outgoing-body's stream
// AFTER handle() was called, in 4096-byte writes. The guest waits for the response by polling the
// future's pollable, then prints the status, every header whose name starts with "x-", the body's
// length and FNV-1a hash (and the body itself when short), or the error-code's name where one
// comes: from handle, from the future, or from the body stream (http-error-code).
#include "p2.h"

#define HT "wasi:http/types@0.2.12"
IMPORT("wasi:cli/environment@0.2.12", "get-arguments") void p2_get_arguments(void *ret);
IMPORT(HT, "[constructor]fields") int32_t h_fields_new(void);
IMPORT(HT, "[method]fields.append") void h_fields_append(int32_t f, const char *n, size_t nl, const void *v, size_t vl, void *ret);
IMPORT(HT, "[method]fields.entries") void h_fields_entries(int32_t f, void *ret);
IMPORT(HT, "[resource-drop]fields") void h_fields_drop(int32_t f);
IMPORT(HT, "[constructor]outgoing-request") int32_t h_request_new(int32_t headers);
// method / scheme: variant {tag, string ptr, len}; option: {is-some, ...}; result: 0 ok, 1 err
IMPORT(HT, "[method]outgoing-request.set-method") int32_t h_set_method(int32_t r, int32_t tag, const char *p, size_t l);
IMPORT(HT, "[method]outgoing-request.set-scheme") int32_t h_set_scheme(int32_t r, int32_t some, int32_t tag, const char *p, size_t l);
IMPORT(HT, "[method]outgoing-request.set-authority") int32_t h_set_authority(int32_t r, int32_t some, const char *p, size_t l);
IMPORT(HT, "[method]outgoing-request.set-path-with-query") int32_t h_set_path(int32_t r, int32_t some, const char *p, size_t l);
// ret: result<outgoing-body> {tag@0, handle@4}
IMPORT(HT, "[method]outgoing-request.body") void h_request_body(int32_t r, void *ret);
// ret: result<output-stream> {tag@0, handle@4}
IMPORT(HT, "[method]outgoing-body.write") void h_body_write(int32_t b, void *ret);
// ret: result<_, error-code> {tag@0, error-code tag@8}
IMPORT(HT, "[static]outgoing-body.finish") void h_body_finish(int32_t b, int32_t some, int32_t trailers, void *ret);
IMPORT(HT, "[constructor]request-options") int32_t h_options_new(void);
IMPORT(HT, "[method]request-options.set-first-byte-timeout") int32_t h_set_first_byte(int32_t o, int32_t some, uint64_t ns);
// ret: result<future-incoming-response, error-code> {tag@0, handle@8 / error-code tag@8}
IMPORT("wasi:http/outgoing-handler@0.2.12", "handle") void h_handle(int32_t req, int32_t some, int32_t options, void *ret);
IMPORT(HT, "[method]future-incoming-response.subscribe") int32_t h_future_subscribe(int32_t f);
// ret: option<result<result<incoming-response, error-code>>> {some@0, tag@8, tag@16, handle@24 / error-code tag@24}
IMPORT(HT, "[method]future-incoming-response.get") void h_future_get(int32_t f, void *ret);
IMPORT(HT, "[resource-drop]future-incoming-response") void h_future_drop(int32_t f);
IMPORT(HT, "[method]incoming-response.status") int32_t h_status(int32_t r);
IMPORT(HT, "[method]incoming-response.headers") int32_t h_headers(int32_t r);
// ret: result<incoming-body> {tag@0, handle@4}
IMPORT(HT, "[method]incoming-response.consume") void h_consume(int32_t r, void *ret);
IMPORT(HT, "[resource-drop]incoming-response") void h_response_drop(int32_t r);
// ret: result<input-stream> {tag@0, handle@4}
IMPORT(HT, "[method]incoming-body.stream") void h_body_stream(int32_t b, void *ret);
IMPORT(HT, "[resource-drop]incoming-body") void h_incoming_body_drop(int32_t b);
// ret: option<error-code> {some@0, error-code tag@8}
IMPORT(HT, "http-error-code") void h_http_error_code(int32_t io_error, void *ret);

static const char *const ERROR_CODES[] = {
  "DNS-timeout", "DNS-error", "destination-not-found", "destination-unavailable", "destination-IP-prohibited",
  "destination-IP-unroutable", "connection-refused", "connection-terminated", "connection-timeout",
  "connection-read-timeout", "connection-write-timeout", "connection-limit-reached", "TLS-protocol-error",
  "TLS-certificate-error", "TLS-alert-received", "HTTP-request-denied", "HTTP-request-length-required",
  "HTTP-request-body-size", "HTTP-request-method-invalid", "HTTP-request-URI-invalid", "HTTP-request-URI-too-long",
  "HTTP-request-header-section-size", "HTTP-request-header-size", "HTTP-request-trailer-section-size",
  "HTTP-request-trailer-size", "HTTP-response-incomplete", "HTTP-response-header-section-size",
  "HTTP-response-header-size", "HTTP-response-body-size", "HTTP-response-trailer-section-size",
  "HTTP-response-trailer-size", "HTTP-response-transfer-coding", "HTTP-response-content-coding",
  "HTTP-response-timeout", "HTTP-upgrade-failed", "HTTP-protocol-error", "loop-detected", "configuration-error",
  "internal-error",
};

static void print_error(const char *where, const unsigned char *code) {
  print(where);
  print(" error ");
  print(code[0] < sizeof ERROR_CODES / sizeof *ERROR_CODES ? ERROR_CODES[code[0]] : "?");
  print("\n");
}

static uint64_t parse_u64(const char *s, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (uint64_t)(s[i] - '0');
  return v;
}

static void print_hex(uint32_t v) {
  char b[9];
  for (int i = 7; i >= 0; i--, v >>= 4) b[i] = "0123456789abcdef"[v & 15];
  b[8] = 0;
  print(b);
}

struct str { const char *p; uint32_t n; };

/** A GET of http://AUTHORITY PATH; returns the future, or -1 after printing handle's error. */
static int32_t send_get(struct str authority, const char *path) {
  _Alignas(8) unsigned char ret[64];
  int32_t req = h_request_new(h_fields_new());
  CHECK(h_set_scheme(req, 1, 0, 0, 0) == 0, "set-scheme");
  CHECK(h_set_authority(req, 1, authority.p, authority.n) == 0, "set-authority");
  CHECK(h_set_path(req, 1, path, slen(path)) == 0, "set-path-with-query");
  h_handle(req, 0, 0, ret);
  if (ret[0] != 0) { print_error("handle", ret + 8); return -1; }
  return *(int32_t *)(ret + 8);
}

/** Print "NAME status N" for a future that is ready. */
static void print_status(const char *name, int32_t future) {
  _Alignas(8) unsigned char ret[64];
  h_future_get(future, ret);
  print(name);
  if (ret[0] != 1 || ret[8] != 0) { print(" not ready\n"); return; }
  if (ret[16] != 0) { print_error("", ret + 24); return; }
  int32_t resp = *(int32_t *)(ret + 24);
  print(" status ");
  print_u64((uint64_t)h_status(resp));
  print("\n");
  h_response_drop(resp);
}

/**
 * TWO AUTHORITY: GET /slow and GET /hello at once, then one poll over both futures' pollables and
 * a one-minute timer: only /hello's is ready first; a second poll waits for /slow.
 */
static int two(struct str authority) {
  _Alignas(8) uint32_t ret[2];
  int32_t slow = send_get(authority, "/slow");
  int32_t hello = send_get(authority, "/hello");
  if (slow < 0 || hello < 0) return 0;
  int32_t p[3] = {h_future_subscribe(slow), h_future_subscribe(hello), p2_subscribe_duration(60ull * 1000000000ull)};
  p2_poll(p, 3, ret);
  const uint32_t *idx = (const uint32_t *)(uintptr_t)ret[0];
  print("first ready:");
  for (uint32_t i = 0; i < ret[1]; i++) { print(" "); print_u64(idx[i]); }
  print("\n");
  print_status("hello", hello);
  p2_poll(p, 1, ret);
  print_status("slow", slow);
  for (int i = 0; i < 3; i++) p2_drop_pollable(p[i]);
  h_future_drop(slow);
  h_future_drop(hello);
  return 0;
}

int run(void) {
  _Alignas(8) unsigned char ret[64];
  p2_get_arguments(ret);
  const struct str *argv = (const struct str *)(uintptr_t)((uint32_t *)ret)[0];
  uint32_t argc = ((uint32_t *)ret)[1];
  if (argc == 3 && argv[1].n == 3 && seq(argv[1].p, "TWO", 3)) return two(argv[2]);
  if (argc < 5) { print("usage: METHOD SCHEME AUTHORITY PATH [BODY-BYTES [FIRST-BYTE-TIMEOUT-MS]] | TWO AUTHORITY\n"); return 1; }
  uint64_t body_bytes = argc > 5 ? parse_u64(argv[5].p, argv[5].n) : 0;
  int has_body = argc > 5 && !(argv[5].n == 1 && argv[5].p[0] == '-');

  int32_t headers = h_fields_new();
  h_fields_append(headers, "x-guest", 7, "anywasi fixture", 15, ret);
  CHECK(ret[0] == 0, "fields.append");
  int32_t req = h_request_new(headers);
  int post = argv[1].n == 4 && seq(argv[1].p, "POST", 4);
  CHECK(h_set_method(req, post ? 2 : 0, 0, 0) == 0, "set-method");
  int https = argv[2].n == 5 && seq(argv[2].p, "https", 5);
  CHECK(h_set_scheme(req, 1, https ? 1 : 0, 0, 0) == 0, "set-scheme");
  CHECK(h_set_authority(req, 1, argv[3].p, argv[3].n) == 0, "set-authority");
  CHECK(h_set_path(req, 1, argv[4].p, argv[4].n) == 0, "set-path-with-query");
  int32_t body = -1;
  if (has_body) {
    h_request_body(req, ret);
    CHECK(ret[0] == 0, "outgoing-request.body");
    body = ((int32_t *)ret)[1];
  }
  int32_t options = -1;
  if (argc > 6) {
    options = h_options_new();
    CHECK(h_set_first_byte(options, 1, parse_u64(argv[6].p, argv[6].n) * 1000000ull) == 0, "set-first-byte-timeout");
  }

  h_handle(req, options >= 0, options >= 0 ? options : 0, ret);
  if (ret[0] != 0) { print_error("handle", ret + 8); return 0; }
  int32_t future = *(int32_t *)(ret + 8);

  if (has_body) {
    h_body_write(body, ret);
    CHECK(ret[0] == 0, "outgoing-body.write");
    int32_t os = ((int32_t *)ret)[1];
    static unsigned char chunk[4096];
    for (uint64_t at = 0; at < body_bytes;) {
      size_t n = body_bytes - at < sizeof chunk ? (size_t)(body_bytes - at) : sizeof chunk;
      for (size_t i = 0; i < n; i++) chunk[i] = (unsigned char)((at + i) % 251);
      p2_blocking_write_and_flush(os, chunk, n, ret);
      if (ret[0] != 0) { print("request body write failed\n"); break; }
      at += n;
    }
    p2_drop_output(os);
    h_body_finish(body, 0, 0, ret);
    if (ret[0] != 0) print_error("finish", ret + 8);
  }

  int32_t ready = h_future_subscribe(future);
  p2_poll(&ready, 1, ret);
  p2_drop_pollable(ready);
  h_future_get(future, ret);
  CHECK(ret[0] == 1 && ret[8] == 0, "the future is ready after its pollable was");
  if (ret[16] != 0) { print_error("response", ret + 24); h_future_drop(future); return 0; }
  int32_t resp = *(int32_t *)(ret + 24);
  h_future_drop(future);

  print("status ");
  print_u64((uint64_t)h_status(resp));
  print("\n");
  int32_t hs = h_headers(resp);
  h_fields_entries(hs, ret);
  const uint32_t *e = (const uint32_t *)(uintptr_t)((uint32_t *)ret)[0];
  uint32_t count = ((uint32_t *)ret)[1];
  for (uint32_t i = 0; i < count; i++, e += 4) {
    const char *name = (const char *)(uintptr_t)e[0];
    if (e[1] < 2 || name[0] != 'x' || name[1] != '-') continue;
    print("header ");
    write_bytes(name, e[1]);
    print(": ");
    write_bytes((const void *)(uintptr_t)e[2], e[3]);
    print("\n");
  }
  h_fields_drop(hs);

  h_consume(resp, ret);
  CHECK(ret[0] == 0, "consume");
  int32_t ib = ((int32_t *)ret)[1];
  h_body_stream(ib, ret);
  CHECK(ret[0] == 0, "incoming-body.stream");
  int32_t in = ((int32_t *)ret)[1];
  uint64_t total = 0;
  uint32_t hash = 2166136261u;
  static unsigned char head[200];
  size_t mark = arena_used;
  for (;;) {
    _Alignas(8) uint32_t r[3];
    p2_blocking_read(in, 65536, r);
    if ((r[0] & 0xff) != 0) {
      // stream-error {tag@4: 0 last-operation-failed (io-error handle@8), 1 closed}
      if ((r[1] & 0xff) == 0) {
        h_http_error_code((int32_t)r[2], ret);
        if (ret[0] == 1) print_error("body", ret + 8);
        else print("body error (no error-code)\n");
      }
      break;
    }
    const unsigned char *p = (const unsigned char *)(uintptr_t)r[1];
    for (uint32_t i = 0; i < r[2]; i++) {
      if (total + i < sizeof head) head[total + i] = p[i];
      hash = (hash ^ p[i]) * 16777619u;
    }
    total += r[2];
    arena_used = mark;  // the bytes were consumed: the next read may reuse the arena
  }
  p2_drop_input(in);
  h_incoming_body_drop(ib);
  h_response_drop(resp);
  print("body-length ");
  print_u64(total);
  print("\nbody-fnv ");
  print_hex(hash);
  print("\n");
  if (total <= sizeof head) {
    print("body: ");
    write_bytes(head, (size_t)total);
    print("\n");
  }
  return 0;
}
