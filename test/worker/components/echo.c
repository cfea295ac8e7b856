// Copies stdin to stdout, prefixed with its arguments, then reports the byte count on stderr.
// A component twin (jco new --wasi-command) runs in the workerd and browser component tests.
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  fflush(stdout);
  char buf[4096];
  long total = 0;
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) { write(1, buf, n); total += n; }
  fprintf(stderr, "%ld bytes\n", total);
  return 0;
}
