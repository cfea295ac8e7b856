// WASI 0.2.12 imports, lowered by hand (canonical ABI, flattened): the few functions these native
// component fixtures call, without wit-bindgen. A result or list the ABI returns in more than one
// value is written to `ret` (layouts beside each function); handles are i32.
#ifndef P2_H
#define P2_H
#include <stdint.h>
#include <stddef.h>

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define FS "wasi:filesystem/types@0.2.12"
#define IO "wasi:io/streams@0.2.12"

// ret: list<tuple<descriptor, string>> {ptr@0, len@4}; elements {handle@0, name ptr@4, len@8}
IMPORT("wasi:filesystem/preopens@0.2.12", "get-directories") void p2_get_directories(void *ret);
// ret: result<descriptor, error-code> {tag u8@0, handle or code@4}
IMPORT(FS, "[method]descriptor.open-at")
void p2_open_at(int32_t dir, int32_t path_flags, const char *path, size_t len, int32_t open_flags, int32_t desc_flags, void *ret);
// ret: result<input-stream / output-stream, error-code> {tag@0, handle or code@4}
IMPORT(FS, "[method]descriptor.read-via-stream") void p2_read_via_stream(int32_t fd, uint64_t offset, void *ret);
IMPORT(FS, "[method]descriptor.write-via-stream") void p2_write_via_stream(int32_t fd, uint64_t offset, void *ret);
// ret: result<directory-entry-stream, error-code> {tag@0, handle or code@4}
IMPORT(FS, "[method]descriptor.read-directory") void p2_read_directory(int32_t fd, void *ret);
// ret: result<option<directory-entry>, error-code> {tag@0, option tag@4 (or code), type u8@8, name ptr@12, len@16}
IMPORT(FS, "[method]directory-entry-stream.read-directory-entry") void p2_read_directory_entry(int32_t s, void *ret);
// ret: result<metadata-hash-value, error-code> {tag@0, lower u64@8 (or code u8@8), upper u64@16}
IMPORT(FS, "[method]descriptor.metadata-hash") void p2_metadata_hash(int32_t fd, void *ret);
IMPORT(FS, "[method]descriptor.metadata-hash-at") void p2_metadata_hash_at(int32_t fd, int32_t path_flags, const char *path, size_t len, void *ret);
IMPORT(FS, "[resource-drop]descriptor") void p2_drop_descriptor(int32_t fd);
IMPORT(FS, "[resource-drop]directory-entry-stream") void p2_drop_dir_stream(int32_t s);

// ret: result<list<u8>, stream-error> {tag@0, ptr@4 / variant tag@4, len@8 / error handle@8}
IMPORT(IO, "[method]input-stream.blocking-read") void p2_blocking_read(int32_t s, uint64_t len, void *ret);
// ret: result<_, stream-error> {tag@0, variant tag@4, error handle@8}
IMPORT(IO, "[method]output-stream.blocking-write-and-flush") void p2_blocking_write_and_flush(int32_t s, const void *p, size_t len, void *ret);
IMPORT(IO, "[method]input-stream.subscribe") int32_t p2_input_subscribe(int32_t s);
IMPORT(IO, "[method]output-stream.subscribe") int32_t p2_output_subscribe(int32_t s);
IMPORT(IO, "[resource-drop]input-stream") void p2_drop_input(int32_t s);
IMPORT(IO, "[resource-drop]output-stream") void p2_drop_output(int32_t s);
// ret: list<u32> {ptr@0, len@4}
IMPORT("wasi:io/poll@0.2.12", "poll") void p2_poll(const int32_t *pollables, size_t n, void *ret);
IMPORT("wasi:io/poll@0.2.12", "[method]pollable.ready") int32_t p2_ready(int32_t p);
IMPORT("wasi:io/poll@0.2.12", "[resource-drop]pollable") void p2_drop_pollable(int32_t p);
IMPORT("wasi:clocks/monotonic-clock@0.2.12", "subscribe-duration") int32_t p2_subscribe_duration(uint64_t ns);
IMPORT("wasi:clocks/monotonic-clock@0.2.12", "now") uint64_t p2_now(void);
IMPORT("wasi:cli/stdout@0.2.12", "get-stdout") int32_t p2_get_stdout(void);

enum { OPEN_CREATE = 1, OPEN_DIRECTORY = 2, OPEN_EXCLUSIVE = 4, OPEN_TRUNCATE = 8 };
enum { DESC_READ = 1, DESC_WRITE = 2 };
enum { PATH_SYMLINK_FOLLOW = 1 };

// The ABI's allocator for what the host returns (lists, strings): a bump allocator over a static
// arena, enough for these short runs.
static unsigned char arena[1 << 20];
static size_t arena_used;
__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *old, size_t old_size, size_t align, size_t size) {
  size_t at = (arena_used + align - 1) & ~(align - 1);
  if (at + size > sizeof arena) __builtin_trap();
  unsigned char *p = arena + at;
  for (size_t i = 0; old && i < old_size && i < size; i++) p[i] = ((unsigned char *)old)[i];
  arena_used = at + size;
  return p;
}

static size_t slen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static int seq(const void *a, const void *b, size_t n) {
  for (size_t i = 0; i < n; i++) if (((const unsigned char *)a)[i] != ((const unsigned char *)b)[i]) return 0;
  return 1;
}

static int32_t out = -1;
static void write_bytes(const void *p, size_t n) {
  _Alignas(8) unsigned char ret[16];
  if (out < 0) out = p2_get_stdout();
  p2_blocking_write_and_flush(out, p, n, ret);
  if (ret[0] != 0) __builtin_trap();
}
static void print(const char *s) { write_bytes(s, slen(s)); }
static void print_u64(uint64_t v) {
  char b[24]; int i = 23; b[i] = 0;
  do { b[--i] = (char)('0' + v % 10); v /= 10; } while (v);
  print(b + i);
}
static int failed;
#define CHECK(cond, what) do { if (!(cond)) { print("FAIL: "); print(what); print("\n"); failed = 1; } } while (0)

/** The preopen named `name` (a descriptor handle), or traps. */
static int32_t preopen(const char *name) {
  _Alignas(8) uint32_t ret[2];
  p2_get_directories(ret);
  const uint32_t *e = (const uint32_t *)(uintptr_t)ret[0];
  for (uint32_t i = 0; i < ret[1]; i++, e += 3) {
    if (e[2] == slen(name) && seq((const void *)(uintptr_t)e[1], name, e[2])) return (int32_t)e[0];
  }
  __builtin_trap();
}

/** open-at; returns the handle, or -1 - error-code. */
static int32_t open_at(int32_t dir, const char *path, int32_t oflags, int32_t dflags) {
  _Alignas(8) uint32_t ret[2];
  p2_open_at(dir, PATH_SYMLINK_FOLLOW, path, slen(path), oflags, dflags, ret);
  return (ret[0] & 0xff) == 0 ? (int32_t)ret[1] : -1 - (int32_t)(ret[1] & 0xff);
}

/** blocking-read of up to `len` bytes into `into`; returns the count, or -1 when the stream is closed. */
static long read_some(int32_t in, unsigned char *into, uint64_t len) {
  _Alignas(8) uint32_t ret[3];
  p2_blocking_read(in, len, ret);
  if ((ret[0] & 0xff) != 0) return -1;
  const unsigned char *p = (const unsigned char *)(uintptr_t)ret[1];
  for (uint32_t i = 0; i < ret[2]; i++) into[i] = p[i];
  return (long)ret[2];
}

// A command's entry; a handler fixture (handler_*.c) defines P2_HANDLER and exports its own.
#ifndef P2_HANDLER
int run(void);
__attribute__((export_name("wasi:cli/run@0.2.12#run"))) int32_t run_export(void) { return run() == 0 && !failed ? 0 : 1; }
#endif
#endif
