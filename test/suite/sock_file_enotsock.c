// sock_accept, sock_recv, sock_send and sock_shutdown on a regular file and on stdout fail
// with ENOTSOCK.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int file = open("/hello.txt", O_RDWR);
  CHECK(file >= 0, "open failed");
  int fds[2] = {file, 1};
  for (int i = 0; i < 2; i++) {
    int fd = fds[i];
    __wasi_fd_t newfd = 0;
    __wasi_errno_t e = __wasi_sock_accept(fd, 0, &newfd);
    CHECK(e == __WASI_ERRNO_NOTSOCK, "sock_accept(%d) errno %d, want ENOTSOCK(57)", fd, e);
    char buf[4];
    __wasi_iovec_t iov = {(uint8_t *)buf, 4};
    __wasi_size_t n = 0;
    __wasi_roflags_t rof = 0;
    e = __wasi_sock_recv(fd, &iov, 1, 0, &n, &rof);
    CHECK(e == __WASI_ERRNO_NOTSOCK, "sock_recv(%d) errno %d, want ENOTSOCK(57)", fd, e);
    __wasi_ciovec_t ciov = {(const uint8_t *)"abc", 3};
    e = __wasi_sock_send(fd, &ciov, 1, 0, &n);
    CHECK(e == __WASI_ERRNO_NOTSOCK, "sock_send(%d) errno %d, want ENOTSOCK(57)", fd, e);
    e = __wasi_sock_shutdown(fd, __WASI_SDFLAGS_RD | __WASI_SDFLAGS_WR);
    CHECK(e == __WASI_ERRNO_NOTSOCK, "sock_shutdown(%d) errno %d, want ENOTSOCK(57)", fd, e);
  }
  puts("ok");
  return 0;
}
