// wasi:filesystem streams at offsets: read-via-stream and write-via-stream at a given offset, two
// streams on one descriptor at different offsets, and a write past the end (which zero-fills).
// Preopen "/": native.dir (data.txt = "0123456789").
#include "p2.h"

int run(void) {
  int32_t root = preopen("/");
  int32_t fd = open_at(root, "data.txt", 0, DESC_READ | DESC_WRITE);
  CHECK(fd >= 0, "open data.txt");
  if (fd < 0) return 1;
  _Alignas(8) uint32_t ret[2];
  unsigned char buf[64];

  p2_read_via_stream(fd, 3, ret);
  CHECK(ret[0] == 0, "read-via-stream(3)");
  int32_t in3 = (int32_t)ret[1];
  p2_read_via_stream(fd, 8, ret);
  int32_t in8 = (int32_t)ret[1];
  long n = read_some(in3, buf, 4);
  CHECK(n == 4 && seq(buf, "3456", 4), "4 bytes at offset 3 are 3456");
  n = read_some(in8, buf, 10);
  CHECK(n == 2 && seq(buf, "89", 2), "the stream at offset 8 reads 89 (its own position)");
  CHECK(read_some(in8, buf, 10) == -1, "then it is closed (end of file)");
  n = read_some(in3, buf, 2);
  CHECK(n == 2 && seq(buf, "78", 2), "the stream at offset 3 goes on at 7");
  p2_drop_input(in3);
  p2_drop_input(in8);

  p2_write_via_stream(fd, 2, ret);
  CHECK(ret[0] == 0, "write-via-stream(2)");
  int32_t o2 = (int32_t)ret[1];
  _Alignas(8) unsigned char wret[16];
  p2_blocking_write_and_flush(o2, "ab", 2, wret);
  CHECK(wret[0] == 0, "write ab at 2");
  p2_blocking_write_and_flush(o2, "c", 1, wret);
  CHECK(wret[0] == 0, "write c after it");
  p2_drop_output(o2);
  p2_write_via_stream(fd, 12, ret);
  int32_t o12 = (int32_t)ret[1];
  p2_blocking_write_and_flush(o12, "Z", 1, wret);
  CHECK(wret[0] == 0, "write Z at 12, past the end");
  p2_drop_output(o12);

  p2_read_via_stream(fd, 0, ret);
  int32_t in0 = (int32_t)ret[1];
  long total = 0;
  while ((n = read_some(in0, buf + total, sizeof buf - (size_t)total)) > 0) total += n;
  p2_drop_input(in0);
  CHECK(total == 13 && seq(buf, "01abc56789\0\0Z", 13), "data.txt is 01abc56789, two zero bytes, Z");
  print("data.txt: ");
  for (long i = 0; i < total; i++) write_bytes(buf[i] ? &buf[i] : (const unsigned char *)".", 1);
  print("\n");
  p2_drop_descriptor(fd);
  print(failed ? "failed\n" : "ok\n");
  return 0;
}
