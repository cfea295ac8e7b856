/* (6) N monotonic clock reads (default one million) and N/10 32-byte random reads
 * (getentropy, one random_get each). */
#include <time.h>
#include "bench.h"

int main(int argc, char **argv) {
  long n = size_arg(argc, argv, 1000000);
  long r = n / 10;
  uint64_t prev = now_ns(), first = prev;
  long backwards = 0;
  for (long i = 0; i < n; i++) {
    uint64_t t = now_ns();
    if (t < prev) backwards++;
    prev = t;
  }
  if (backwards) fail("the monotonic clock went backwards %ld times", backwards);
  if (prev == first && n > 1000) fail("the monotonic clock never moved");
  unsigned char buf[32];
  uint64_t ones = 0;
  long zero_bufs = 0;
  for (long i = 0; i < r; i++) {
    memset(buf, 0, sizeof buf);
    if (getentropy(buf, sizeof buf) != 0) fail("getentropy failed");
    int nonzero = 0;
    for (int j = 0; j < 32; j++) { ones += (uint64_t)__builtin_popcount(buf[j]); nonzero |= buf[j]; }
    if (!nonzero) zero_bufs++;
  }
  double bits = (double)r * 256.0;
  double frac = r > 0 ? (double)ones / bits : 0.5;
  if (zero_bufs > 0 || frac < 0.45 || frac > 0.55) fail("random bytes look wrong (%ld zero buffers, %.4f ones)", zero_bufs, frac);
  result("clock-random clock_reads=%ld monotonic=ok random_reads=%ld random=ok", n, r);
  return 0;
}
