/* What the SQLite shell needs beyond the upstream sources to be a good preview1 command here.
 *
 * chmod and realpath: two POSIX calls shell.c names that wasi-libc (2022) lacks. WASI has no
 * permission bits and no absolute paths, so both fail the way a platform without them would:
 * the shell's writefile() leaves a directory's mode as it is, and its realpath() SQL function
 * returns an error.
 *
 * cabi_realloc: wasi-libc before 2023 (Debian's) starts its heap by claiming everything from
 * __heap_base to the end of memory at the first malloc, and the preview1 adapter of a component
 * allocates its state by growing memory before main runs, unless the module exports
 * cabi_realloc. Without this export the heap takes the adapter's page and the component traps
 * ("assertion failed at adapter line 2857") once the program's data outgrows the initial memory.
 * The preview1 module never calls it. (wasm-ld wraps every export of a command in a call of the
 * constructors and destructors: the adapter's one call here runs them once more before main,
 * which is harmless: the preopens it would register are not there yet, and nothing is buffered.) */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "wasi-shim.h"
int chmod(const char *path, mode_t mode) { (void)path; (void)mode; errno = ENOTSUP; return -1; }
char *realpath(const char *path, char *resolved) { (void)path; (void)resolved; errno = ENOTSUP; return NULL; }

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {
  if (new_size == 0) return (void *)align;
  void *p = aligned_alloc(align, (new_size + align - 1) / align * align);
  if (p == NULL) abort();
  if (ptr != NULL && old_size != 0) memcpy(p, ptr, old_size < new_size ? old_size : new_size);
  return p;
}
