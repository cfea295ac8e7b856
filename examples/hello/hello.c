// The demo that `npm start` runs on the embedded in-memory filesystem: it greets, lists the
// directory it was given, reads the note seeded there, and writes a file the host reads back.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
  const char *who = argc > 1 ? argv[1] : "world";
  printf("hello, %s, from WASI\n", who);

  DIR *d = opendir("/");
  if (!d) { perror("opendir /"); return 1; }
  printf("files in /:\n");
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) printf("  %s\n", e->d_name);
  }
  closedir(d);

  FILE *in = fopen("/note.txt", "r");
  if (in) {
    char line[256];
    while (fgets(line, sizeof line, in)) printf("note.txt says: %s", line);
    fclose(in);
  }

  FILE *out = fopen("/greeting.txt", "w");
  if (!out) { perror("fopen /greeting.txt"); return 1; }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  fprintf(out, "greeted %s at %lld\n", who, (long long)ts.tv_sec);
  fclose(out);
  printf("wrote /greeting.txt\n");
  return 0;
}
