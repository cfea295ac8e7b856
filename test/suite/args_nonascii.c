// Non-ASCII arguments are passed as UTF-8 and args_sizes_get counts bytes, not characters.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(int argc, char **argv) {
  static const char a1[] = "h\xc3\xa9llo";          /* héllo: 6 bytes */
  static const char a2[] = "\xe6\x97\xa5\xe6\x9c\xac"; /* 日本: 6 bytes */
  static const char a3[] = "\xf0\x9f\x98\x80";         /* U+1F600: 4 bytes */
  __wasi_size_t n = 0, sz = 0;
  __wasi_errno_t e = __wasi_args_sizes_get(&n, &sz);
  CHECK(e == 0, "args_sizes_get errno %d", e);
  CHECK(n == 4 && argc == 4, "argc %u/%d, want 4", (unsigned)n, argc);
  size_t want = strlen(argv[0]) + 1 + 7 + 7 + 5;
  CHECK(sz == want, "argv_buf_size %u, want %zu (UTF-8 bytes incl. NULs)", (unsigned)sz, want);
  CHECK(strcmp(argv[1], a1) == 0, "argv[1] bytes differ (len %zu)", strlen(argv[1]));
  CHECK(strcmp(argv[2], a2) == 0, "argv[2] bytes differ (len %zu)", strlen(argv[2]));
  CHECK(strcmp(argv[3], a3) == 0, "argv[3] bytes differ (len %zu)", strlen(argv[3]));
  puts("ok");
  return 0;
}
