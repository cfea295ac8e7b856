// sched_yield succeeds (repeatedly).
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  for (int i = 0; i < 100; i++) {
    __wasi_errno_t e = __wasi_sched_yield();
    CHECK(e == 0, "sched_yield errno %d", e);
  }
  puts("ok");
  return 0;
}
