// poll_oneoff with zero subscriptions fails with EINVAL instead of blocking forever.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_subscription_t sub;
  __wasi_event_t ev;
  __wasi_size_t n = 1234;
  __wasi_errno_t e = __wasi_poll_oneoff(&sub, &ev, 0, &n);
  CHECK(e == __WASI_ERRNO_INVAL, "poll_oneoff(0 subscriptions) errno %d, want EINVAL(28)", e);
  puts("ok");
  return 0;
}
