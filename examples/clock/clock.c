// Prints the time every 500 ms, 5 times: clock_gettime for the wall clock and the monotonic
// clock, nanosleep in between (a suspended or blocked guest, never a spinning one).
// Build: clang --target=wasm32-wasi -O2 -Wall -Wl,--strip-debug clock.c -o clock.wasm
#include <stdio.h>
#include <time.h>

static double since(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

int main(void) {
  struct timespec start, now, wall;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (int i = 1; i <= 5; i++) {
    clock_gettime(CLOCK_REALTIME, &wall);
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct tm tm;
    gmtime_r(&wall.tv_sec, &tm);
    char hms[32];
    strftime(hms, sizeof hms, "%Y-%m-%d %H:%M:%S", &tm);
    printf("tick %d/5  %s.%03ld UTC  +%.3f s\n", i, hms, wall.tv_nsec / 1000000, since(&start, &now));
    fflush(stdout);
    if (i < 5) {
      struct timespec half = {0, 500 * 1000 * 1000};
      nanosleep(&half, NULL);
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &now);
  printf("done after %.3f s\n", since(&start, &now));
  return 0;
}
