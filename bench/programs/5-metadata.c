/* (5) N open+fstat+close (default 100,000) over a directory of 1,000 files, plus N/100 full
 * listings of it with opendir/readdir. The guest creates the directory and removes it after. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include "bench.h"

#define FILES 1000

int main(int argc, char **argv) {
  long opens = size_arg(argc, argv, 100000);
  long listings = opens / 100;
  static char paths[FILES][32];
  static char data[64];
  memset(data, 'x', sizeof data);
  if (mkdir("bench-meta", 0755) != 0) fail("mkdir failed");
  for (int i = 0; i < FILES; i++) {
    snprintf(paths[i], sizeof paths[i], "bench-meta/file-%04d.txt", i);
    int fd = open(paths[i], O_CREAT | O_EXCL | O_WRONLY, 0644);
    if (fd < 0) fail("create %s failed", paths[i]);
    if (write(fd, data, (size_t)(i % 61)) != i % 61) fail("write %s failed", paths[i]);
    close(fd);
  }
  long long size_sum = 0;
  for (long i = 0; i < opens; i++) {
    int fd = open(paths[i % FILES], O_RDONLY);
    if (fd < 0) fail("open %s failed", paths[i % FILES]);
    struct stat st;
    if (fstat(fd, &st) != 0) fail("fstat %s failed", paths[i % FILES]);
    if (!S_ISREG(st.st_mode)) fail("%s is not a regular file", paths[i % FILES]);
    size_sum += st.st_size;
    if (close(fd) != 0) fail("close failed");
  }
  long long entries = 0;
  uint64_t names = 0;
  for (long l = 0; l < listings; l++) {
    DIR *d = opendir("bench-meta");
    if (d == NULL) fail("opendir failed");
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      entries++;
      names += hash_str(e->d_name);  /* a sum: independent of the listing order */
    }
    closedir(d);
  }
  if (entries != (long long)listings * FILES) fail("listed %lld entries, expected %lld", entries, (long long)listings * FILES);
  for (int i = 0; i < FILES; i++) if (unlink(paths[i]) != 0) fail("unlink %s failed", paths[i]);
  if (rmdir("bench-meta") != 0) fail("rmdir failed");
  result("metadata opens=%ld size_sum=%lld listings=%ld entries=%lld names=%016llx",
         opens, size_sum, listings, entries, (unsigned long long)names);
  return 0;
}
