// Prints a line, sleeps argv[1] seconds (nanosleep: poll_oneoff on a clock, a suspended guest
// under JSPI), prints another. The workerd tests run it as a component (jco new --wasi-command)
// under a time limit shorter than the sleep.
// Build: clang --target=wasm32-wasi -O2 -Wl,--strip-debug sleep.c -o sleep.wasm
//        npx jco new sleep.wasm --wasi-command -o sleep.component.wasm
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
  unsigned s = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  printf("sleeping %u s\n", s);
  fflush(stdout);
  sleep(s);
  printf("woke\n");
  return 0;
}
