// A small file tool for the virtual filesystem: the first argument chooses the action.
//   filetool ls [DIR]          list DIR (default /) recursively, with sizes
//   filetool cat FILE...       print files
//   filetool wc FILE...        lines, words and bytes of each file (and a total)
//   filetool upper FILE...     write FILE.upper, FILE in upper case
//   filetool rev FILE...       write FILE.rev, FILE's lines in reverse order
// Build: clang --target=wasm32-wasi -O2 -Wall -Wl,--strip-debug filetool.c -o filetool.wasm
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage(void) {
  fputs("usage: filetool ls [DIR] | cat FILE... | wc FILE... | upper FILE... | rev FILE...\n", stderr);
  return 2;
}

/* Read a whole file; NULL (and a message) on failure. */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "filetool: %s: %s\n", path, strerror(errno)); return NULL; }
  size_t cap = 4096, n = 0, got;
  char *buf = malloc(cap);
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  if (!buf) { fprintf(stderr, "filetool: %s: out of memory\n", path); return NULL; }
  *len = n;
  return buf;
}

static int save(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
    fprintf(stderr, "filetool: cannot write %s: %s\n", path, strerror(errno));
    return 1;
  }
  return 0;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir, int depth, long *files, long long *bytes) {
  DIR *d = opendir(dir);
  if (!d) { fprintf(stderr, "filetool: %s: %s\n", dir, strerror(errno)); return; }
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_names);
  for (size_t i = 0; i < n; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
    struct stat st;
    if (stat(path, &st) != 0) { fprintf(stderr, "filetool: %s: %s\n", path, strerror(errno)); continue; }
    if (S_ISDIR(st.st_mode)) {
      printf("%*s%s/\n", 2 * depth, "", names[i]);
      list(path, depth + 1, files, bytes);
    } else {
      printf("%*s%-*s %8lld\n", 2 * depth, "", 28 - 2 * depth, names[i], (long long)st.st_size);
      (*files)++;
      *bytes += st.st_size;
    }
    free(names[i]);
  }
  free(names);
}

static int wc(int argc, char **argv) {
  long long tl = 0, tw = 0, tb = 0;
  int status = 0;
  for (int i = 0; i < argc; i++) {
    size_t len;
    char *s = slurp(argv[i], &len);
    if (!s) { status = 1; continue; }
    long long lines = 0, words = 0;
    int in_word = 0;
    for (size_t k = 0; k < len; k++) {
      if (s[k] == '\n') lines++;
      if (isspace((unsigned char)s[k])) in_word = 0;
      else if (!in_word) { in_word = 1; words++; }
    }
    printf("%7lld %7lld %7zu %s\n", lines, words, len, argv[i]);
    tl += lines; tw += words; tb += (long long)len;
    free(s);
  }
  if (argc > 1) printf("%7lld %7lld %7lld total\n", tl, tw, tb);
  return status;
}

/* Write PATH.suffix, made by transform from PATH's content (which it may change in place). */
static int convert(int argc, char **argv, const char *suffix, char *(*transform)(char *, size_t *)) {
  int status = 0;
  for (int i = 0; i < argc; i++) {
    size_t len;
    char *s = slurp(argv[i], &len);
    if (!s) { status = 1; continue; }
    char out[1024];
    snprintf(out, sizeof out, "%s.%s", argv[i], suffix);
    char *t = transform(s, &len);
    if (t && save(out, t, len) == 0) printf("wrote %s (%zu bytes)\n", out, len);
    else status = 1;
    if (t != s) free(t);
    free(s);
  }
  return status;
}

static char *to_upper(char *s, size_t *len) {
  for (size_t k = 0; k < *len; k++) s[k] = (char)toupper((unsigned char)s[k]);
  return s;
}

/* The lines in reverse order, each ending with a newline (a last line without one gets one). */
static char *reverse_lines(char *s, size_t *len) {
  size_t n = *len;
  char *t = malloc(n + 1);
  if (!t) return NULL;
  size_t at = 0, end = n > 0 && s[n - 1] == '\n' ? n - 1 : n;
  if (n == 0) { *len = 0; return t; }
  for (;;) {
    size_t start = end;
    while (start > 0 && s[start - 1] != '\n') start--;
    memcpy(t + at, s + start, end - start);
    at += end - start;
    t[at++] = '\n';
    if (start == 0) break;
    end = start - 1;
  }
  *len = at;
  return t;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  const char *cmd = argv[1];
  if (!strcmp(cmd, "ls")) {
    long files = 0;
    long long bytes = 0;
    const char *dir = argc > 2 ? argv[2] : "/";
    printf("%s\n", dir);
    list(dir, 1, &files, &bytes);
    printf("%ld file%s, %lld bytes\n", files, files == 1 ? "" : "s", bytes);
    return 0;
  }
  if (argc < 3) return usage();
  if (!strcmp(cmd, "cat")) {
    int status = 0;
    for (int i = 2; i < argc; i++) {
      size_t len;
      char *s = slurp(argv[i], &len);
      if (!s) { status = 1; continue; }
      fwrite(s, 1, len, stdout);
      free(s);
    }
    return status;
  }
  if (!strcmp(cmd, "wc")) return wc(argc - 2, argv + 2);
  if (!strcmp(cmd, "upper")) return convert(argc - 2, argv + 2, "upper", to_upper);
  if (!strcmp(cmd, "rev")) return convert(argc - 2, argv + 2, "rev", reverse_lines);
  return usage();
}
