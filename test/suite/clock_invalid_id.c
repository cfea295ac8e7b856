// clock_res_get and clock_time_get reject clock ids outside the enum with EINVAL and leave
// the result untouched.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_clockid_t bad[] = {4, 5, 100, 0x7fffffff, 0xffffffff};
  for (unsigned i = 0; i < sizeof bad / sizeof *bad; i++) {
    __wasi_timestamp_t t = 12345;
    __wasi_errno_t e = __wasi_clock_time_get(bad[i], 1, &t);
    CHECK(e == __WASI_ERRNO_INVAL, "time_get(id %u) errno %d, want EINVAL(28)", (unsigned)bad[i], e);
    CHECK(t == 12345, "time_get(id %u) wrote a result", (unsigned)bad[i]);
    e = __wasi_clock_res_get(bad[i], &t);
    CHECK(e == __WASI_ERRNO_INVAL, "res_get(id %u) errno %d, want EINVAL(28)", (unsigned)bad[i], e);
    CHECK(t == 12345, "res_get(id %u) wrote a result", (unsigned)bad[i]);
  }
  puts("ok");
  return 0;
}
