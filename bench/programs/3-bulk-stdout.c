/* (3) N MiB of stdout (default 256) in 64 KiB writes. The blocks are lines of text, as a real
 * program's output would be. */
#include <time.h>
#include "bench.h"

#define BLOCK 65536

int main(int argc, char **argv) {
  long mib = size_arg(argc, argv, 256);
  static char block[BLOCK];
  for (int i = 0; i < BLOCK; i++) block[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
  long writes = mib * (1048576 / BLOCK);
  uint64_t total = 0;
  for (long i = 0; i < writes; i++) {
    block[0] = (char)('A' + i % 26);
    size_t off = 0;
    while (off < BLOCK) {
      ssize_t w = write(1, block + off, BLOCK - off);
      if (w <= 0) fail("write %ld returned %ld", i, (long)w);
      off += (size_t)w;
    }
    total += BLOCK;
  }
  result("bulk-stdout mib=%ld writes=%ld bytes=%llu", mib, writes, (unsigned long long)total);
  return 0;
}
