// A line-based calculator: reads "a op b" lines from stdin, prints the result. It shows a
// prompt before each read, so it exercises interactive stdin and output flushing.
#include <stdio.h>
#include <string.h>

int main(void) {
  char line[256];
  for (;;) {
    printf("calc> ");
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin)) break;
    double a, b;
    char op;
    if (strncmp(line, "quit", 4) == 0) break;
    if (sscanf(line, "%lf %c %lf", &a, &op, &b) != 3) { printf("? expected: number op number\n"); continue; }
    switch (op) {
      case '+': printf("%g\n", a + b); break;
      case '-': printf("%g\n", a - b); break;
      case '*': printf("%g\n", a * b); break;
      case '/': if (b == 0) printf("division by zero\n"); else printf("%g\n", a / b); break;
      default: printf("? unknown operator %c\n", op);
    }
  }
  printf("\nbye\n");
  return 0;
}
