// args_sizes_get reports the argument count (including argv[0]) and the total byte size of
// all NUL-terminated arguments; args_get lays them out contiguously in argv_buf without
// writing past that size.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(int argc, char **argv) {
  __wasi_size_t n = 0, sz = 0;
  __wasi_errno_t e = __wasi_args_sizes_get(&n, &sz);
  CHECK(e == 0, "args_sizes_get errno %d", e);
  CHECK(n == 4, "argc %u, want 4", (unsigned)n);
  CHECK(argc == 4, "libc argc %d, want 4", argc);
  size_t want = strlen(argv[0]) + 1 + 2 + 3 + 4; /* "a" "bb" "ccc" */
  CHECK(sz == want, "argv_buf_size %u, want %zu", (unsigned)sz, want);
  CHECK(sz < 400, "argv_buf_size %u too large for this test", (unsigned)sz);

  uint8_t *ptrs[8];
  static uint8_t buf[512];
  memset(buf, 0x7f, sizeof buf);
  for (int i = 0; i < 8; i++) ptrs[i] = (uint8_t *)0x1234;
  e = __wasi_args_get(ptrs, buf);
  CHECK(e == 0, "args_get errno %d", e);
  CHECK(ptrs[0] == buf, "argv[0] does not start at argv_buf");
  for (int i = 0; i < 3; i++)
    CHECK(ptrs[i + 1] == ptrs[i] + strlen((char *)ptrs[i]) + 1, "argv[%d] not contiguous", i + 1);
  CHECK(ptrs[4] == (uint8_t *)0x1234, "args_get wrote more than argc pointers");
  CHECK(buf[sz - 1] == 0, "last byte of argv_buf is not NUL");
  CHECK(buf[sz] == 0x7f, "args_get wrote past argv_buf_size");
  CHECK(strcmp((char *)ptrs[1], "a") == 0, "argv[1] '%s'", ptrs[1]);
  CHECK(strcmp((char *)ptrs[2], "bb") == 0, "argv[2] '%s'", ptrs[2]);
  CHECK(strcmp((char *)ptrs[3], "ccc") == 0, "argv[3] '%s'", ptrs[3]);
  puts("ok");
  return 0;
}
