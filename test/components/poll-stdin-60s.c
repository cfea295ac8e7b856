#include <poll.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
  struct pollfd p = { .fd = 0, .events = POLLIN };
  int r = poll(&p, 1, 60000);
  char buf[64]; ssize_t n = r > 0 ? read(0, buf, sizeof buf) : 0;
  printf("poll %d read %zd\n", r, n);
  return 0;
}
