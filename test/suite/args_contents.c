// Arguments reach main() byte-for-byte, including spaces, '=' and an empty argument.
#include <stdio.h>
#include <string.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(int argc, char **argv) {
  static const char *want[] = {"hello", "with space", "", "x=y", "--flag", "tab\there"};
  int nwant = sizeof want / sizeof *want;
  CHECK(argc == nwant + 1, "argc %d, want %d", argc, nwant + 1);
  for (int i = 0; i < nwant; i++)
    CHECK(strcmp(argv[i + 1], want[i]) == 0, "argv[%d] = '%s', want '%s'", i + 1, argv[i + 1], want[i]);
  CHECK(argv[argc] == NULL, "argv not NULL-terminated");
  puts("ok");
  return 0;
}
