/* Shared helpers of the anywasi benchmark guests. Every guest takes an optional size argument
 * (argv[1]) and prints exactly one result line to stderr; bulk output, if any, goes to stdout. */
#ifndef BENCH_H
#define BENCH_H
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((unused)) static void fail(const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(msg, sizeof msg - 1, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if (n > (int)sizeof msg - 2) n = (int)sizeof msg - 2;
  msg[n++] = '\n';
  (void)!write(2, "FAIL: ", 6);
  (void)!write(2, msg, (size_t)n);
  exit(1);
}

/* The size argument: argv[1] if given (a positive integer), else the default. */
__attribute__((unused)) static long size_arg(int argc, char **argv, long def) {
  if (argc < 2) return def;
  char *end;
  long v = strtol(argv[1], &end, 10);
  if (*end != '\0' || v <= 0) fail("bad size argument '%s'", argv[1]);
  return v;
}

/* The result line, on stderr in one write. */
__attribute__((unused)) static void result(const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(msg, sizeof msg - 1, fmt, ap);
  va_end(ap);
  if (n < 0 || n > (int)sizeof msg - 2) fail("result line too long");
  msg[n++] = '\n';
  if (write(2, msg, (size_t)n) != n) fail("short write of the result line");
}

/* A 64-bit hash over 8-byte words (len must be a multiple of 8). */
__attribute__((unused)) static uint64_t hash_words(uint64_t h, const void *p, size_t len) {
  const uint64_t *w = (const uint64_t *)p;
  for (size_t i = 0; i < len / 8; i++) {
    h ^= w[i];
    h *= 0x100000001b3ULL;
    h ^= h >> 29;
  }
  return h;
}

__attribute__((unused)) static uint64_t hash_str(const char *s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (; *s; s++) { h ^= (unsigned char)*s; h *= 0x100000001b3ULL; }
  return h;
}

__attribute__((unused)) static uint64_t xorshift64(uint64_t *s) {
  uint64_t x = *s;
  x ^= x << 13; x ^= x >> 7; x ^= x << 17;
  return *s = x;
}

__attribute__((unused)) static uint64_t now_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) fail("clock_gettime failed");
  return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}
#endif
