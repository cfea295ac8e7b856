// Hundreds of arguments are all delivered, in order.
#include <stdio.h>
#include <string.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(int argc, char **argv) {
  CHECK(argc == 501, "argc %d, want 501", argc);
  char want[32];
  for (int i = 1; i < argc; i++) {
    snprintf(want, sizeof want, "arg-%d", i - 1);
    CHECK(strcmp(argv[i], want) == 0, "argv[%d] = '%s', want '%s'", i, argv[i], want);
  }
  puts("ok");
  return 0;
}
