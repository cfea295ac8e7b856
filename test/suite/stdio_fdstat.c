// fd_fdstat_get succeeds on stdin, stdout and stderr; stdin has FD_READ, stdout and stderr
// have FD_WRITE. (The file type is not checked: it depends on what stdio is connected to.)
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_fdstat_t st;
  __wasi_errno_t e = __wasi_fd_fdstat_get(0, &st);
  CHECK(e == 0, "fdstat_get(0) errno %d", e);
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_READ, "stdin lacks FD_READ (rights 0x%llx)", (unsigned long long)st.fs_rights_base);
  e = __wasi_fd_fdstat_get(1, &st);
  CHECK(e == 0, "fdstat_get(1) errno %d", e);
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE, "stdout lacks FD_WRITE (rights 0x%llx)", (unsigned long long)st.fs_rights_base);
  e = __wasi_fd_fdstat_get(2, &st);
  CHECK(e == 0, "fdstat_get(2) errno %d", e);
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE, "stderr lacks FD_WRITE (rights 0x%llx)", (unsigned long long)st.fs_rights_base);
  puts("ok");
  return 0;
}
