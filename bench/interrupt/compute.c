// CPU-bound guest for bench/interrupt.mjs: what interruption checks cost where they run most
// often. Three kernels: a sieve (tight loops), recursive fib (function entries), and an FNV/xorshift
// mix over a buffer (loop with memory traffic). Prints one result line.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
  long scale = argc > 1 ? atol(argv[1]) : 1;
  static uint8_t sieve[4000000];
  long primes = 0;
  for (long r = 0; r < scale; r++) {
    memset(sieve, 1, sizeof sieve);
    for (long i = 2; i < (long)sizeof sieve; i++) {
      if (!sieve[i]) continue;
      primes++;
      for (long j = i * 2; j < (long)sizeof sieve; j += i) sieve[j] = 0;
    }
  }
  unsigned f = 0;
  for (long r = 0; r < scale; r++) f += fib(27);
  static uint32_t buf[1 << 20];
  uint32_t x = 2463534242u, h = 2166136261u;
  for (long r = 0; r < scale * 8; r++) {
    for (size_t i = 0; i < sizeof buf / 4; i++) {
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      buf[i] = x;
      h = (h ^ x) * 16777619u;
    }
  }
  printf("primes %ld fib %u hash %08x\n", primes, f, h);
  return 0;
}
