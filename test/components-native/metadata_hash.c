// wasi:filesystem metadata-hash: the same file gives the same hash through its descriptor and
// through metadata-hash-at on its directory; another file, or the directory, another hash; a write
// that changes the file's size changes its hash (the WIT: "a hash of the last-modification
// timestamp and file size", and may include more; preview2-shim passes this). Preopen "/": native.dir.
#include "p2.h"

typedef struct { uint64_t lower, upper; } hash_t;

static hash_t hash_of(int32_t fd) {
  _Alignas(8) uint64_t ret[3];
  p2_metadata_hash(fd, ret);
  CHECK((ret[0] & 0xff) == 0, "metadata-hash");
  return (hash_t){ret[1], ret[2]};
}
static hash_t hash_at(int32_t dir, const char *path) {
  _Alignas(8) uint64_t ret[3];
  p2_metadata_hash_at(dir, PATH_SYMLINK_FOLLOW, path, slen(path), ret);
  CHECK((ret[0] & 0xff) == 0, "metadata-hash-at");
  return (hash_t){ret[1], ret[2]};
}
static int same(hash_t a, hash_t b) { return a.lower == b.lower && a.upper == b.upper; }

int run(void) {
  int32_t root = preopen("/");
  int32_t fd = open_at(root, "data.txt", 0, DESC_READ | DESC_WRITE);
  CHECK(fd >= 0, "open data.txt");
  hash_t h = hash_of(fd);
  CHECK(same(h, hash_at(root, "data.txt")), "descriptor and -at agree");
  CHECK(same(h, hash_of(fd)), "stable");
  int32_t fd2 = open_at(root, "data.txt", 0, DESC_READ);
  CHECK(same(h, hash_of(fd2)), "a second descriptor of the same file agrees");
  CHECK(!same(h, hash_at(root, "other.txt")), "another file differs");
  CHECK(!same(h, hash_of(root)), "the directory differs");
  CHECK(!same(hash_at(root, "other.txt"), hash_at(root, "sub/x.txt")), "two other files differ");
  _Alignas(8) uint32_t ret[2];
  p2_write_via_stream(fd, 10, ret);
  _Alignas(8) unsigned char wret[16];
  p2_blocking_write_and_flush((int32_t)ret[1], "more", 4, wret);
  p2_drop_output((int32_t)ret[1]);
  hash_t after = hash_of(fd);
  CHECK(!same(h, after), "a write that grows the file changes its hash");
  CHECK(same(after, hash_at(root, "data.txt")), "and -at sees the new hash");
  _Alignas(8) uint64_t r[3];
  p2_metadata_hash_at(root, 0, "missing", 7, r);
  CHECK((r[0] & 0xff) == 1 && (r[1] & 0xff) == 20, "a missing file: error-code no-entry");
  p2_drop_descriptor(fd2);
  p2_drop_descriptor(fd);
  print(failed ? "failed\n" : "ok\n");
  return 0;
}
