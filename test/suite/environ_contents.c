// environ_sizes_get/environ_get expose exactly the configured variables as "KEY=VALUE",
// including an empty value and a value containing '='.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_size_t n = 0, sz = 0;
  __wasi_errno_t e = __wasi_environ_sizes_get(&n, &sz);
  CHECK(e == 0, "environ_sizes_get errno %d", e);
  CHECK(n == 3, "environ count %u, want 3", (unsigned)n);
  size_t want = sizeof "FOO=bar" + sizeof "EMPTY=" + sizeof "EQ=a=b=c";
  CHECK(sz == want, "environ_buf_size %u, want %zu", (unsigned)sz, want);

  uint8_t *ptrs[4] = {0, 0, 0, (uint8_t *)0x1234};
  static uint8_t buf[128];
  memset(buf, 0x7f, sizeof buf);
  e = __wasi_environ_get(ptrs, buf);
  CHECK(e == 0, "environ_get errno %d", e);
  CHECK(ptrs[3] == (uint8_t *)0x1234, "environ_get wrote more than count pointers");
  CHECK(buf[sz] == 0x7f, "environ_get wrote past environ_buf_size");
  int seen = 0;
  for (int i = 0; i < 3; i++) {
    const char *s = (const char *)ptrs[i];
    if (strcmp(s, "FOO=bar") == 0) seen |= 1;
    else if (strcmp(s, "EMPTY=") == 0) seen |= 2;
    else if (strcmp(s, "EQ=a=b=c") == 0) seen |= 4;
    else CHECK(0, "unexpected environ entry '%s'", s);
  }
  CHECK(seen == 7, "missing entries (mask %d)", seen);

  const char *v = getenv("FOO");
  CHECK(v && strcmp(v, "bar") == 0, "getenv(FOO) = %s", v ? v : "(null)");
  v = getenv("EMPTY");
  CHECK(v && *v == 0, "getenv(EMPTY) = %s", v ? v : "(null)");
  v = getenv("EQ");
  CHECK(v && strcmp(v, "a=b=c") == 0, "getenv(EQ) = %s", v ? v : "(null)");
  CHECK(getenv("PATH") == NULL, "host PATH leaked into guest");
  puts("ok");
  return 0;
}
