// wasi:cli/run returning err (without calling wasi:cli/exit): the command's exit code is 1, as
// wasmtime gives, and what it wrote is kept.
#include "p2.h"

int run(void) {
  print("returning err\n");
  return 1;
}
