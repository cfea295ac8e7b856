// A webhook receiver, run as a CGI program by the anywasi gateway (on Cloudflare Workers, Node or
// Deno). POST a JSON body such as {"event":"push","id":"42"} with the header
//   X-Signature: sha256=<hex HMAC-SHA256 of the body under $WEBHOOK_SECRET>
// Valid: the event is appended to /data/events.log and the answer is
//   200 {"ok":true,"event":"push","id":"42","logged":N}   (N: lines now in the log)
// A missing or wrong signature is 401, a body that is not a JSON object with a string "event"
// is 400, another method than POST is 405, a missing secret is 500; all answered in JSON.
//
// Build: clang --target=wasm32-wasi -O2 -Wall -Wl,--strip-debug webhook.c -o webhook.wasm
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sha256.h"

#define MAX_BODY (1 << 20)
#define MAX_FIELD 256

static void out(const char *s) { write(1, s, strlen(s)); }

/* Write s as the contents of a JSON string (quotes not included). */
static void out_json_string(const char *s) {
  char buf[8];
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      buf[0] = '\\'; buf[1] = (char)*p; write(1, buf, 2);
    } else if (*p < 0x20) {
      snprintf(buf, sizeof buf, "\\u%04x", *p);
      out(buf);
    } else {
      write(1, p, 1);
    }
  }
}

static int respond(int status, const char *reason, const char *error) {
  char line[64];
  snprintf(line, sizeof line, "Status: %d %s\r\n", status, reason);
  out(line);
  out("Content-Type: application/json\r\n\r\n{\"ok\":false,\"error\":\"");
  out_json_string(error);
  out("\"}\n");
  return 0;
}

/* ---- a minimal JSON reader: validates the document, picks top-level string/number fields ---- */

typedef struct {
  const char *p, *end;
} json;

static void ws(json *j) {
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) j->p++;
}

/* A string at j->p; its decoded value (escapes kept simple: \uXXXX below 0x80 only, else '?')
   goes to out (truncated to cap-1 bytes) when out is not NULL. Returns 0 on success. */
static int json_string(json *j, char *out, size_t cap) {
  size_t n = 0;
  if (j->p >= j->end || *j->p != '"') return -1;
  j->p++;
  while (j->p < j->end && *j->p != '"') {
    char c = *j->p++;
    if ((unsigned char)c < 0x20) return -1;
    if (c == '\\') {
      if (j->p >= j->end) return -1;
      char e = *j->p++;
      switch (e) {
        case '"': case '\\': case '/': c = e; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': {
          unsigned v = 0;
          for (int i = 0; i < 4; i++) {
            if (j->p >= j->end) return -1;
            char h = *j->p++;
            v <<= 4;
            if (h >= '0' && h <= '9') v |= (unsigned)(h - '0');
            else if (h >= 'a' && h <= 'f') v |= (unsigned)(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= (unsigned)(h - 'A' + 10);
            else return -1;
          }
          c = v < 0x80 ? (char)v : '?';
          break;
        }
        default: return -1;
      }
    }
    if (out && n + 1 < cap) out[n++] = c;
  }
  if (j->p >= j->end) return -1;
  j->p++;
  if (out) out[n] = '\0';
  return 0;
}

static int json_number(json *j, char *out, size_t cap) {
  const char *s = j->p;
  if (j->p < j->end && *j->p == '-') j->p++;
  if (j->p >= j->end || *j->p < '0' || *j->p > '9') return -1;
  if (*j->p == '0') j->p++;
  else while (j->p < j->end && *j->p >= '0' && *j->p <= '9') j->p++;
  if (j->p < j->end && *j->p == '.') {
    j->p++;
    if (j->p >= j->end || *j->p < '0' || *j->p > '9') return -1;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9') j->p++;
  }
  if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
    j->p++;
    if (j->p < j->end && (*j->p == '+' || *j->p == '-')) j->p++;
    if (j->p >= j->end || *j->p < '0' || *j->p > '9') return -1;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9') j->p++;
  }
  if (out) {
    size_t n = (size_t)(j->p - s) < cap - 1 ? (size_t)(j->p - s) : cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
  }
  return 0;
}

static int json_literal(json *j, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0) return -1;
  j->p += n;
  return 0;
}

static int json_value(json *j, int depth);

static int json_container(json *j, int depth, char open) {
  char close = open == '{' ? '}' : ']';
  j->p++;
  ws(j);
  if (j->p < j->end && *j->p == close) { j->p++; return 0; }
  for (;;) {
    ws(j);
    if (open == '{') {
      if (json_string(j, NULL, 0)) return -1;
      ws(j);
      if (j->p >= j->end || *j->p++ != ':') return -1;
    }
    if (json_value(j, depth + 1)) return -1;
    ws(j);
    if (j->p >= j->end) return -1;
    if (*j->p == ',') { j->p++; continue; }
    if (*j->p == close) { j->p++; return 0; }
    return -1;
  }
}

static int json_value(json *j, int depth) {
  if (depth > 64) return -1;
  ws(j);
  if (j->p >= j->end) return -1;
  switch (*j->p) {
    case '{': case '[': return json_container(j, depth, *j->p);
    case '"': return json_string(j, NULL, 0);
    case 't': return json_literal(j, "true");
    case 'f': return json_literal(j, "false");
    case 'n': return json_literal(j, "null");
    default: return json_number(j, NULL, 0);
  }
}

/* Parse an object, copying the top-level "event" (a string) and "id" (a string or a number).
   Returns 0 for a valid JSON object, -1 otherwise. */
static int parse_event(const char *body, size_t len, char *event, char *id) {
  json j = {body, body + len};
  event[0] = id[0] = '\0';
  ws(&j);
  if (j.p >= j.end || *j.p != '{') return -1;
  j.p++;
  ws(&j);
  if (j.p < j.end && *j.p == '}') {
    j.p++;
  } else {
    for (;;) {
      char key[32];
      ws(&j);
      if (json_string(&j, key, sizeof key)) return -1;
      ws(&j);
      if (j.p >= j.end || *j.p++ != ':') return -1;
      ws(&j);
      if (strcmp(key, "event") == 0 && j.p < j.end && *j.p == '"') {
        if (json_string(&j, event, MAX_FIELD)) return -1;
      } else if (strcmp(key, "id") == 0 && j.p < j.end && *j.p == '"') {
        if (json_string(&j, id, MAX_FIELD)) return -1;
      } else if (strcmp(key, "id") == 0 && j.p < j.end && (*j.p == '-' || (*j.p >= '0' && *j.p <= '9'))) {
        if (json_number(&j, id, MAX_FIELD)) return -1;
      } else if (json_value(&j, 1)) {
        return -1;
      }
      ws(&j);
      if (j.p >= j.end) return -1;
      if (*j.p == ',') { j.p++; continue; }
      if (*j.p == '}') { j.p++; break; }
      return -1;
    }
  }
  ws(&j);
  return j.p == j.end ? 0 : -1;
}

/* ---- the request ---- */

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Whether header (sha256=<64 hex>) is the HMAC of body under secret; compared in constant time. */
static int signature_ok(const char *header, const char *secret, const char *body, size_t len) {
  if (!header || strncmp(header, "sha256=", 7) != 0 || strlen(header + 7) != 64) return 0;
  uint8_t mac[32];
  hmac_sha256(secret, strlen(secret), body, len, mac);
  unsigned diff = 0;
  for (int i = 0; i < 32; i++) {
    int hi = hexval(header[7 + 2 * i]), lo = hexval(header[8 + 2 * i]);
    if (hi < 0 || lo < 0) return 0;
    diff |= (unsigned)(((hi << 4) | lo) ^ mac[i]);
  }
  return diff == 0;
}

/* Make a field safe for one tab-separated log line. */
static void sanitize(char *s) {
  for (; *s; s++) if ((unsigned char)*s < 0x20 || *s == 0x7f) *s = ' ';
}

static long count_lines(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  long n = 0;
  int c;
  while ((c = fgetc(f)) != EOF) if (c == '\n') n++;
  fclose(f);
  return n;
}

int main(void) {
  const char *method = getenv("REQUEST_METHOD");
  const char *secret = getenv("WEBHOOK_SECRET");
  if (!method || strcmp(method, "POST") != 0) return respond(405, "Method Not Allowed", "POST a JSON event");
  if (!secret || !*secret) return respond(500, "Internal Server Error", "WEBHOOK_SECRET is not set");

  static char body[MAX_BODY + 1];
  size_t len = 0;
  ssize_t n;
  while ((n = read(0, body + len, MAX_BODY + 1 - len)) > 0) {
    len += (size_t)n;
    if (len > MAX_BODY) return respond(413, "Content Too Large", "the body is larger than 1 MiB");
  }
  if (n < 0) return respond(400, "Bad Request", "cannot read the body");

  if (!signature_ok(getenv("HTTP_X_SIGNATURE"), secret, body, len)) {
    fputs("webhook: rejected a request with a missing or bad signature\n", stderr);
    return respond(401, "Unauthorized", "bad signature");
  }
  static char event[MAX_FIELD], id[MAX_FIELD];
  if (parse_event(body, len, event, id) != 0) return respond(400, "Bad Request", "the body is not a JSON object");
  if (!event[0]) return respond(400, "Bad Request", "missing string field: event");

  const char *log = "/data/events.log";
  int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return respond(500, "Internal Server Error", "cannot open the event log");
  char line[2 * MAX_FIELD + 4];
  sanitize(event);
  sanitize(id);
  snprintf(line, sizeof line, "%s\t%s\n", id[0] ? id : "-", event);
  int ok = write(fd, line, strlen(line)) == (ssize_t)strlen(line);
  close(fd);
  if (!ok) return respond(500, "Internal Server Error", "cannot write the event log");

  char count[32];
  snprintf(count, sizeof count, "%ld", count_lines(log));
  out("Status: 200 OK\r\nContent-Type: application/json\r\n\r\n{\"ok\":true,\"event\":\"");
  out_json_string(event);
  out("\",\"id\":\"");
  out_json_string(id);
  out("\",\"logged\":");
  out(count);
  out("}\n");
  return 0;
}
