// wasi:io/poll with many pollables in one call: a long timer, a file's input stream (ready at
// once), a short timer, stdout's output stream (ready at once) and the file's pollable listed
// twice; poll returns the indices of every ready one (and of both copies), never the long timer's;
// with only timers it blocks until the short one is due. Preopen "/": native.dir.
#include "p2.h"

static void print_indices(const char *label, void *ret) {
  const uint32_t *r = ret;
  const uint32_t *idx = (const uint32_t *)(uintptr_t)r[0];
  uint32_t n = r[1];
  uint32_t sorted[16];
  for (uint32_t i = 0; i < n && i < 16; i++) sorted[i] = idx[i];
  for (uint32_t i = 1; i < n && i < 16; i++)
    for (uint32_t j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) { uint32_t t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t; }
  print(label);
  for (uint32_t i = 0; i < n && i < 16; i++) { print(" "); print_u64(sorted[i]); }
  print("\n");
}

int run(void) {
  int32_t root = preopen("/");
  int32_t fd = open_at(root, "data.txt", 0, DESC_READ);
  _Alignas(8) uint32_t ret[2];
  p2_read_via_stream(fd, 0, ret);
  int32_t in = (int32_t)ret[1];
  if (out < 0) out = p2_get_stdout();
  int32_t p[5];
  p[0] = p2_subscribe_duration(60ull * 1000000000ull);  // a minute: never ready here
  p[1] = p2_input_subscribe(in);
  p[2] = p2_subscribe_duration(1000000);                 // 1 ms
  p[3] = p2_output_subscribe(out);
  p[4] = p[1];
  // Let the short timer fall due first, so that the answer does not depend on timing.
  int32_t only_short = p2_subscribe_duration(5000000);
  p2_poll(&only_short, 1, ret);
  print_indices("after 5 ms:", ret);
  p2_poll(p, 5, ret);
  print_indices("ready:", ret);
  CHECK(!p2_ready(p[0]), "the one-minute timer is not ready");
  CHECK(p2_ready(p[2]), "the 1 ms timer is");

  uint64_t t0 = p2_now();
  int32_t timers[2] = {p2_subscribe_duration(60ull * 1000000000ull), p2_subscribe_duration(20000000)};
  p2_poll(timers, 2, ret);
  uint64_t waited = p2_now() - t0;
  print_indices("timers:", ret);
  CHECK(waited >= 20000000, "poll blocked until the 20 ms timer was due");
  CHECK(waited < 30ull * 1000000000ull, "and not until the long one");

  p2_drop_pollable(timers[0]);
  p2_drop_pollable(timers[1]);
  p2_drop_pollable(only_short);
  for (int i = 0; i < 4; i++) p2_drop_pollable(p[i]);
  p2_drop_input(in);
  p2_drop_descriptor(fd);
  print(failed ? "failed\n" : "ok\n");
  return 0;
}
