// proc_exit(42) ends the program with exit code 42.
#include <stdio.h>
#include <wasi/api.h>

int main(void) {
  fputs("before exit\n", stdout);
  fflush(stdout);
  __wasi_proc_exit(42);
  fputs("FAIL: proc_exit returned\n", stdout);
  return 1;
}
