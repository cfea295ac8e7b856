// Same as fs.c, in a test of its own: it must get its own fresh copy of the fixtures.
#include "fs.c"
