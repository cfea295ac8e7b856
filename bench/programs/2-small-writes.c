/* (2) N unbuffered 16-byte writes to stdout (default one million): write(1, ...) each time,
 * no stdio buffering, so every line is one fd_write. */
#include <time.h>
#include "bench.h"

int main(int argc, char **argv) {
  long n = size_arg(argc, argv, 1000000);
  char line[16];
  memcpy(line, "line 0000000000\n", 16);
  uint64_t total = 0, h = 0xcbf29ce484222325ULL;
  for (long i = 0; i < n; i++) {
    long v = i;
    for (int d = 14; d >= 5; d--) { line[d] = (char)('0' + v % 10); v /= 10; }
    ssize_t w = write(1, line, 16);
    if (w != 16) fail("write %ld returned %ld", i, (long)w);
    total += (uint64_t)w;
    h = hash_words(h, line, 16);
  }
  result("small-writes n=%ld bytes=%llu hash=%016llx", n, (unsigned long long)total, (unsigned long long)h);
  return 0;
}
