// PROCESS_CPUTIME_ID and THREAD_CPUTIME_ID: either supported (res_get gives a non-zero
// resolution, time_get works and never goes backwards) or rejected consistently by both
// calls with EBADF (wasmtime), ENOTSUP or EINVAL.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static int unsupported(__wasi_errno_t e) {
  return e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTSUP || e == __WASI_ERRNO_INVAL;
}

int main(void) {
  __wasi_clockid_t ids[2] = {__WASI_CLOCKID_PROCESS_CPUTIME_ID, __WASI_CLOCKID_THREAD_CPUTIME_ID};
  for (int i = 0; i < 2; i++) {
    __wasi_timestamp_t res = 0, t1 = 0, t2 = 0;
    __wasi_errno_t er = __wasi_clock_res_get(ids[i], &res);
    __wasi_errno_t et = __wasi_clock_time_get(ids[i], 1, &t1);
    if (er == 0) {
      CHECK(res > 0, "clock %u: resolution 0", (unsigned)ids[i]);
      CHECK(et == 0, "clock %u: res_get ok but time_get errno %d", (unsigned)ids[i], et);
      volatile unsigned x = 0;
      for (unsigned k = 0; k < 1000000; k++) x += k;
      (void)x;
      et = __wasi_clock_time_get(ids[i], 1, &t2);
      CHECK(et == 0, "clock %u: second time_get errno %d", (unsigned)ids[i], et);
      CHECK(t2 >= t1, "clock %u went backwards: %llu -> %llu", (unsigned)ids[i],
            (unsigned long long)t1, (unsigned long long)t2);
    } else {
      CHECK(unsupported(er), "clock %u: res_get errno %d", (unsigned)ids[i], er);
      CHECK(et == er, "clock %u: res_get errno %d but time_get errno %d", (unsigned)ids[i], er, et);
    }
  }
  puts("ok");
  return 0;
}
