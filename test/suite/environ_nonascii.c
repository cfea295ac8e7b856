// Non-ASCII keys and values are UTF-8 and environ_sizes_get counts bytes.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  static const char key[] = "GR\xc3\x9c\xc3\x9f" "E";                    /* GRÜßE: 7 bytes */
  static const char val[] = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e ok"; /* 日本語 ok: 12 bytes */
  __wasi_size_t n = 0, sz = 0;
  __wasi_errno_t e = __wasi_environ_sizes_get(&n, &sz);
  CHECK(e == 0, "environ_sizes_get errno %d", e);
  CHECK(n == 1, "environ count %u, want 1", (unsigned)n);
  CHECK(sz == 7 + 1 + 12 + 1, "environ_buf_size %u, want 21", (unsigned)sz);
  const char *v = getenv(key);
  CHECK(v != NULL, "getenv(GRÜßE) missing");
  CHECK(strcmp(v, val) == 0, "value bytes differ (len %zu)", strlen(v));
  puts("ok");
  return 0;
}
