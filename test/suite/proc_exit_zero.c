// proc_exit(0) ends the program immediately with exit code 0: code after it never runs.
#include <stdio.h>
#include <wasi/api.h>

int main(void) {
  fputs("ok\n", stdout);
  fflush(stdout);
  __wasi_proc_exit(0);
  fputs("FAIL: proc_exit returned\n", stdout);
  return 99;
}
