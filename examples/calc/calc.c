// An interactive calculator: reads one expression per line from stdin and prints its value.
// Expressions have + - * / %, unary minus and plus, parentheses and the usual precedence
// (2 + 3 * 4 is 14); numbers are decimal, with an optional fraction and exponent (1.5e3).
// A line that is not one whole expression is refused with "? <reason> at column N" rather than
// evaluated in part. It shows a prompt before each read, so it exercises interactive stdin and
// output flushing. "quit" or end of input ends it.
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Deeper nesting is refused rather than risking the guest's 64 KiB stack.
#define MAX_DEPTH 200

typedef struct {
  const char *start;
  const char *p;
  int depth;
  // The first error; once set, parsing unwinds without reporting anything else.
  char error[96];
} Parser;

static double expr(Parser *ps);

static void fail(Parser *ps, const char *what) {
  if (ps->error[0] != '\0') return;
  snprintf(ps->error, sizeof ps->error, "%s at column %d", what, (int)(ps->p - ps->start) + 1);
}

static void skip_space(Parser *ps) {
  while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r') ps->p++;
}

static void unexpected(Parser *ps) {
  char what[48];
  if (*ps->p == '\0' || *ps->p == '\n') snprintf(what, sizeof what, "unexpected end of line");
  else if (isprint((unsigned char)*ps->p)) snprintf(what, sizeof what, "unexpected '%c'", *ps->p);
  else snprintf(what, sizeof what, "unexpected byte 0x%02x", (unsigned char)*ps->p);
  fail(ps, what);
}

// A decimal number: digits, an optional fraction, an optional exponent. strtod alone would
// also take "inf", "nan" and hexadecimal, which are not part of this language.
static double number(Parser *ps) {
  const char *s = ps->p, *q = s;
  while (isdigit((unsigned char)*q)) q++;
  if (*q == '.') {
    q++;
    while (isdigit((unsigned char)*q)) q++;
  }
  if (q == s || (q == s + 1 && *s == '.')) {
    unexpected(ps);
    return 0;
  }
  if (*q == 'e' || *q == 'E') {
    const char *e = q + 1;
    if (*e == '+' || *e == '-') e++;
    if (isdigit((unsigned char)*e)) {
      while (isdigit((unsigned char)*e)) e++;
      q = e;
    }
  }
  double v = strtod(s, NULL);
  ps->p = q;
  return v;
}

// primary := number | "(" expr ")" ; unary := ("-" | "+") unary | primary
static double unary(Parser *ps) {
  skip_space(ps);
  if (*ps->p == '-' || *ps->p == '+') {
    int negate = *ps->p == '-';
    if (++ps->depth > MAX_DEPTH) {
      fail(ps, "too deeply nested");
      return 0;
    }
    ps->p++;
    double v = unary(ps);
    ps->depth--;
    return negate ? -v : v;
  }
  if (*ps->p == '(') {
    const char *open = ps->p;
    if (++ps->depth > MAX_DEPTH) {
      fail(ps, "too deeply nested");
      return 0;
    }
    ps->p++;
    double v = expr(ps);
    ps->depth--;
    if (ps->error[0] != '\0') return 0;
    skip_space(ps);
    if (*ps->p != ')') {
      if (*ps->p == '\0' || *ps->p == '\n') {
        ps->p = open;
        fail(ps, "unclosed '('");
      } else {
        unexpected(ps);
      }
      return 0;
    }
    ps->p++;
    return v;
  }
  return number(ps);
}

// term := unary (("*" | "/" | "%") unary)*
static double term(Parser *ps) {
  double v = unary(ps);
  for (;;) {
    if (ps->error[0] != '\0') return 0;
    skip_space(ps);
    char op = *ps->p;
    if (op != '*' && op != '/' && op != '%') return v;
    const char *at = ps->p;
    ps->p++;
    double r = unary(ps);
    if (ps->error[0] != '\0') return 0;
    if ((op == '/' || op == '%') && r == 0) {
      ps->p = at;
      fail(ps, "division by zero");
      return 0;
    }
    v = op == '*' ? v * r : op == '/' ? v / r : fmod(v, r);
  }
}

// expr := term (("+" | "-") term)*
static double expr(Parser *ps) {
  double v = term(ps);
  for (;;) {
    if (ps->error[0] != '\0') return 0;
    skip_space(ps);
    char op = *ps->p;
    if (op != '+' && op != '-') return v;
    ps->p++;
    double r = term(ps);
    v = op == '+' ? v + r : v - r;
  }
}

static int blank(const char *s) {
  while (isspace((unsigned char)*s)) s++;
  return *s == '\0';
}

static int is_word(const char *line, const char *word) {
  while (isspace((unsigned char)*line)) line++;
  size_t n = strlen(word);
  if (strncmp(line, word, n) != 0) return 0;
  return blank(line + n);
}

int main(void) {
  char line[1024];
  for (;;) {
    printf("calc> ");
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin)) break;
    if (strchr(line, '\n') == NULL && !feof(stdin)) {
      // Longer than the buffer: drop the rest of the line instead of reading it as new lines.
      int c;
      while ((c = getchar()) != EOF && c != '\n') {}
      printf("? line too long (at most %d characters)\n", (int)sizeof line - 2);
      continue;
    }
    if (blank(line)) continue;
    if (is_word(line, "quit") || is_word(line, "exit")) break;
    Parser ps = {line, line, 0, ""};
    double v = expr(&ps);
    if (ps.error[0] == '\0') {
      skip_space(&ps);
      if (*ps.p != '\0' && *ps.p != '\n') unexpected(&ps);
    }
    if (ps.error[0] != '\0') printf("? %s\n", ps.error);
    else printf("%g\n", v);
  }
  printf("\nbye\n");
  return 0;
}
