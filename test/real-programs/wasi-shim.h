/* Declarations of the two POSIX calls shell.c names that wasi-libc (2022) lacks; wasi-shim.c
 * defines them. Force-included (-include) into shell.c, which is not modified. */
#include <sys/types.h>
int chmod(const char *path, mode_t mode);
char *realpath(const char *path, char *resolved);
