// stdin is an open pipe that never delivers: polling it with a timeout times out.
#include <poll.h>
#include <stdio.h>
int main(void) {
  struct pollfd p = { .fd = 0, .events = POLLIN };
  int n = poll(&p, 1, 50);
  printf("poll returned %d\n", n);
  return n == 0 ? 0 : 1;
}
