/* (4) An N MiB file (default 64) written in 4 KiB chunks, fsynced, closed, read back in 4 KiB
 * chunks and checksummed; then removed. */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include "bench.h"

#define CHUNK 4096

int main(int argc, char **argv) {
  long mib = size_arg(argc, argv, 64);
  long chunks = mib * (1048576 / CHUNK);
  static uint64_t buf[CHUNK / 8];
  const char *path = "bench-file-io.dat";
  int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
  if (fd < 0) fail("open for writing failed");
  uint64_t seed = 0x9e3779b97f4a7c15ULL, hw = 0xcbf29ce484222325ULL;
  for (long c = 0; c < chunks; c++) {
    for (int i = 0; i < CHUNK / 8; i++) buf[i] = xorshift64(&seed);
    hw = hash_words(hw, buf, CHUNK);
    ssize_t w = write(fd, buf, CHUNK);
    if (w != CHUNK) fail("write of chunk %ld returned %ld", c, (long)w);
  }
  if (fsync(fd) != 0) fail("fsync failed");
  if (close(fd) != 0) fail("close failed");
  fd = open(path, O_RDONLY);
  if (fd < 0) fail("open for reading failed");
  struct stat st;
  if (fstat(fd, &st) != 0) fail("fstat failed");
  if ((long long)st.st_size != (long long)chunks * CHUNK) fail("size is %lld", (long long)st.st_size);
  uint64_t hr = 0xcbf29ce484222325ULL;
  long long total = 0;
  for (;;) {
    ssize_t r = read(fd, buf, CHUNK);
    if (r < 0) fail("read failed");
    if (r == 0) break;
    if (r % 8 != 0) fail("odd read of %ld bytes", (long)r);
    hr = hash_words(hr, buf, (size_t)r);
    total += r;
  }
  close(fd);
  if (unlink(path) != 0) fail("unlink failed");
  if (total != (long long)chunks * CHUNK) fail("read back %lld bytes", total);
  if (hr != hw) fail("read back different data");
  result("file-io mib=%ld bytes=%lld hash=%016llx", mib, total, (unsigned long long)hr);
  return 0;
}
