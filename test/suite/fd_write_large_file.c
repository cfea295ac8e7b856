// Writes a 4 MiB file in 4 KiB chunks of pseudo-random data, reopens it, and reads it back
// in 4 KiB chunks: size and checksum must match.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

#define CHUNK 4096
#define TOTAL (4 * 1024 * 1024)

static uint32_t state = 12345;
static uint8_t next(void) { state = state * 1103515245u + 12345u; return (uint8_t)(state >> 16); }
static uint64_t mix(uint64_t h, const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

int main(void) {
  static uint8_t buf[CHUNK];
  int fd = open("/big.bin", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  CHECK(fd >= 0, "open for writing failed");
  uint64_t hw = 1469598103934665603ull;
  for (int c = 0; c < TOTAL / CHUNK; c++) {
    for (int i = 0; i < CHUNK; i++) buf[i] = next();
    hw = mix(hw, buf, CHUNK);
    ssize_t w = write(fd, buf, CHUNK);
    CHECK(w == CHUNK, "chunk %d: write returned %zd", c, w);
  }
  CHECK(close(fd) == 0, "close failed");

  fd = open("/big.bin", O_RDONLY);
  CHECK(fd >= 0, "open for reading failed");
  struct stat st;
  CHECK(fstat(fd, &st) == 0, "fstat failed");
  CHECK(st.st_size == TOTAL, "size %lld, want %d", (long long)st.st_size, TOTAL);
  uint64_t hr = 1469598103934665603ull;
  size_t total = 0;
  for (;;) {
    ssize_t r = read(fd, buf, CHUNK);
    CHECK(r >= 0, "read failed at %zu", total);
    if (r == 0) break;
    hr = mix(hr, buf, (size_t)r);
    total += (size_t)r;
  }
  CHECK(total == TOTAL, "read %zu bytes, want %d", total, TOTAL);
  CHECK(hr == hw, "checksum mismatch: wrote %016llx, read %016llx", (unsigned long long)hw, (unsigned long long)hr);
  puts("ok");
  return 0;
}
