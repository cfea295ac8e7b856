/* (1) Start-up: instantiate, run libc's start-up and print one line. */
#include <time.h>
#include "bench.h"

int main(int argc, char **argv) {
  (void)size_arg(argc, argv, 1);
  printf("hello from the anywasi benchmark\n");
  fflush(stdout);
  result("startup ok");
  return 0;
}
