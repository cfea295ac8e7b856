// Writes a line, a partial line and a file, then traps: as a component, nothing written may be lost.
#include <stdio.h>

int main(void) {
  FILE *f = fopen("/out.txt", "w");
  if (!f) { perror("fopen"); return 1; }
  fputs("file content\n", f);
  fflush(f);
  fputs("line one\npartial", stdout);
  fflush(stdout);
  __builtin_trap();
}
