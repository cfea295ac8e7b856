// Returning from main() (wasi-libc turns it into proc_exit) gives that exit code, and
// buffered stdio output, including an unterminated last line, is flushed.
#include <stdio.h>

int main(void) {
  printf("ok\nno newline");
  return 5;
}
