// wasi:filesystem directory-entry streams: read-directory, every entry once with its type, none
// for . and .., then none (option none) again after the end; two streams on one directory are
// independent. Preopen "/": native.dir (data.txt, other.txt, sub/ holding x.txt).
#include "p2.h"

static int list(int32_t dir, char names[][32], int *types, int max) {
  _Alignas(8) uint32_t ret[5];
  p2_read_directory(dir, ret);
  if (ret[0] != 0) return -1;
  int32_t s = (int32_t)ret[1];
  int n = 0;
  for (;;) {
    p2_read_directory_entry(s, ret);
    if ((ret[0] & 0xff) != 0) { n = -1; break; }
    if ((ret[1] & 0xff) == 0) break;  // none: the end
    if (n == max) { n = -1; break; }
    const char *name = (const char *)(uintptr_t)ret[3];
    uint32_t len = ret[4] < 31 ? ret[4] : 31;
    for (uint32_t i = 0; i < len; i++) names[n][i] = name[i];
    names[n][len] = 0;
    types[n] = (int)(ret[2] & 0xff);
    n++;
  }
  p2_read_directory_entry(s, ret);
  CHECK((ret[0] & 0xff) == 0 && (ret[1] & 0xff) == 0, "none again after the end");
  p2_drop_dir_stream(s);
  return n;
}

static int cmp(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}

int run(void) {
  int32_t root = preopen("/");
  char names[16][32];
  int types[16];
  int n = list(root, names, types, 16);
  CHECK(n == 3, "three entries");
  // Sorted: the order of a listing is unspecified.
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && cmp(names[j - 1], names[j]) > 0; j--) {
      char t[32];
      for (int k = 0; k < 32; k++) t[k] = names[j][k], names[j][k] = names[j - 1][k], names[j - 1][k] = t[k];
      int ty = types[j]; types[j] = types[j - 1]; types[j - 1] = ty;
    }
  static const char *const type_names[] = {"unknown", "block-device", "character-device", "directory", "fifo", "symbolic-link", "regular-file", "socket"};
  for (int i = 0; i < n; i++) {
    print(names[i]);
    print(" ");
    print(types[i] >= 0 && types[i] < 8 ? type_names[types[i]] : "?");
    print("\n");
  }
  int32_t sub = open_at(root, "sub", OPEN_DIRECTORY, DESC_READ);
  CHECK(sub >= 0, "open sub");
  char sub_names[4][32];
  int sub_types[4];
  CHECK(list(sub, sub_names, sub_types, 4) == 1 && cmp(sub_names[0], "x.txt") == 0, "sub lists x.txt alone");
  // Two streams at once on the same directory.
  _Alignas(8) uint32_t a[5], b[5];
  p2_read_directory(root, a);
  p2_read_directory(root, b);
  int32_t sa = (int32_t)a[1], sb = (int32_t)b[1];
  int na = 0, nb = 0;
  for (;;) { p2_read_directory_entry(sa, a); if (a[0] || !(a[1] & 0xff)) break; na++; }
  for (;;) { p2_read_directory_entry(sb, b); if (b[0] || !(b[1] & 0xff)) break; nb++; }
  CHECK(na == 3 && nb == 3, "two streams each list all three");
  p2_drop_dir_stream(sa);
  p2_drop_dir_stream(sb);
  p2_drop_descriptor(sub);
  print(failed ? "failed\n" : "ok\n");
  return 0;
}
