// argv (argv[0] is the wasm file name) and exactly the environment from hello.json.
#include <stdio.h>
extern char **environ;
int main(int argc, char **argv) {
  printf("argv:");
  for (int i = 0; i < argc; i++) printf(" [%s]", argv[i]);
  printf("\n");
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  return 0;
}
