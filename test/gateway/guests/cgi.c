// A CGI program for the gateway tests: PATH_INFO picks the behaviour, QUERY_STRING gives a
// parameter. Writes with write(2) so that the bytes and their timing are exactly as written.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void out(const char *s) { write(1, s, strlen(s)); }

static const char *param(void) {
  const char *q = getenv("QUERY_STRING");
  return q ? q : "";
}

static void headers(const char *type) {
  out("Status: 200 OK\r\nContent-Type: ");
  out(type);
  out("\r\nX-Guest: cgi\r\n\r\n");
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

int main(void) {
  const char *path = getenv("PATH_INFO");
  if (!path) path = "";
  if (strcmp(path, "/env") == 0) {
    static const char *names[] = {"REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE",
      "CONTENT_LENGTH", "REMOTE_ADDR", "SERVER_PROTOCOL", "GATEWAY_INTERFACE", "SCRIPT_NAME",
      "HTTP_X_CUSTOM", "HTTP_PROXY", "HTTP_USER_AGENT", "APP_SETTING", NULL};
    headers("text/plain");
    for (int i = 0; names[i]; i++) {
      const char *v = getenv(names[i]);
      out(names[i]);
      out(v ? "=" : " unset");
      if (v) out(v);
      out("\n");
    }
  } else if (strcmp(path, "/echo") == 0) {
    headers("application/octet-stream");
    static char buf[65536];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) write(1, buf, (size_t)n);
    if (n < 0) return 5;
  } else if (strcmp(path, "/exit") == 0) {
    headers("text/plain");
    out("about to fail\n");
    return atoi(param()) ? atoi(param()) : 3;
  } else if (strcmp(path, "/silent-exit") == 0) {
    return 2;
  } else if (strcmp(path, "/trap") == 0) {
    out("Content-Type: text/plain\n");
    __builtin_trap();
  } else if (strcmp(path, "/malformed") == 0) {
    out("this is not a header\n\nbody\n");
  } else if (strcmp(path, "/bad-status") == 0) {
    out("Status: 999 Nope\n\n");
  } else if (strcmp(path, "/unterminated") == 0) {
    out("Content-Type: text/plain\n");
  } else if (strcmp(path, "/nothing") == 0) {
    return 0;
  } else if (strcmp(path, "/loop") == 0) {
    volatile unsigned long x = 0;
    for (;;) x++;
  } else if (strcmp(path, "/sleep-loop") == 0) {
    for (;;) sleep_ms(10);
  } else if (strcmp(path, "/flood") == 0) {
    // The header block and the first 64 KiB in one write: past a small limit before anything
    // could have been sent.
    static char buf[65536];
    const char *h = "Content-Type: text/plain\n\n";
    memset(buf, 'x', sizeof buf);
    memcpy(buf, h, strlen(h));
    for (;;) write(1, buf, sizeof buf);
  } else if (strcmp(path, "/big") == 0) {
    headers("application/octet-stream");
    long n = atol(param());
    static char buf[65536];
    for (long i = 0; i < (long)sizeof buf; i++) buf[i] = (char)(i * 7);
    while (n > 0) {
      long k = n < (long)sizeof buf ? n : (long)sizeof buf;
      write(1, buf, (size_t)k);
      n -= k;
    }
  } else if (strcmp(path, "/write") == 0) {
    char name[256];
    snprintf(name, sizeof name, "/data/%s", param());
    FILE *f = fopen(name, "w");
    if (!f) return 4;
    fputs("written by an earlier request\n", f);
    fclose(f);
    headers("text/plain");
    out("wrote ");
    out(name);
    out("\n");
  } else if (strcmp(path, "/read") == 0) {
    char name[256];
    snprintf(name, sizeof name, "/data/%s", param());
    FILE *f = fopen(name, "r");
    headers("text/plain");
    if (!f) {
      out("absent\n");
    } else {
      char line[256] = "";
      fgets(line, sizeof line, f);
      out("present: ");
      out(line);
      fclose(f);
    }
  } else if (strcmp(path, "/stream") == 0) {
    headers("text/plain");
    out("first\n");
    sleep_ms(atoi(param()) ? atoi(param()) : 300);
    out("second\n");
  } else if (strcmp(path, "/status") == 0) {
    out("Status: 404 Not Here\nContent-Type: text/plain\nSet-Cookie: a=1\nSet-Cookie: b=2\n\nmissing\n");
  } else if (strcmp(path, "/redirect") == 0) {
    out("Location: https://example.com/elsewhere\n\n");
  } else if (strcmp(path, "/stderr") == 0) {
    fputs("a line for the logs\n", stderr);
    headers("text/plain");
    out("see the logs\n");
  } else if (strcmp(path, "/stderr-escapes") == 0) {
    // Clear screen, set the window title, a C1 CSI (UTF-8 C2 9B), a bare CR forging a line.
    fputs("\x1b[2J\x1b]0;owned\x07\xc2\x9b" "31mred\rforged\tend\r\n", stderr);
    headers("text/plain");
    out("see the logs\n");
  } else if (strcmp(path, "/grow") == 0) {
    // Grow memory by QUERY_STRING MiB directly (no malloc) and touch every page of it.
    long mib = atol(param());
    long before = (long)__builtin_wasm_memory_size(0);
    if (__builtin_wasm_memory_grow(0, (unsigned long)(mib * 16)) == (unsigned long)-1) {
      fputs("memory.grow failed\n", stderr);
      return 6;
    }
    for (long p = before; p < before + mib * 16; p++) ((volatile char *)0)[p * 65536] = 1;
    headers("text/plain");
    out("grew\n");
  } else if (strcmp(path, "/stream-loop") == 0) {
    // Starts its response, then spins without a syscall.
    headers("text/plain");
    out("first\n");
    volatile unsigned long x = 0;
    for (;;) x++;
  } else {
    out("Status: 404 Not Found\nContent-Type: text/plain\n\nno such route\n");
  }
  return 0;
}
