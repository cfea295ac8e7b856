// The least JavaScript that runs bench programs 1, 2, 3, 6 and 7 (bench/micro/rss-floor.mjs):
// plain functions on the guest's memory, no descriptor table, no checks, no filesystem.
/**
 * The least JavaScript that runs programs 1, 2, 3, 6 and 7: each call does its work on the guest's
 * memory directly, with no descriptor table and no checks. `out(fd, bytes)` receives each iovec.
 */
export function floorImports(args, out) {
  const enc = new TextEncoder();
  const argv = args.map((a) => enc.encode(`${a}\0`));
  let memory = null;
  let dv = null;
  let u8 = null;
  const view = () => {
    if (u8 === null || u8.buffer !== memory.buffer) { dv = new DataView(memory.buffer); u8 = new Uint8Array(memory.buffer); }
  };
  class Exit { constructor(code) { this.code = code; } }
  const hr = process.hrtime.bigint;
  const epoch = BigInt(Date.now()) * 1000000n - hr();
  const pool = new Uint8Array(65536);
  let pos = pool.length;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const imports = {
    args_sizes_get(pc, pb) { view(); dv.setUint32(pc, argv.length, true); dv.setUint32(pb, argv.reduce((n, a) => n + a.length, 0), true); return 0; },
    args_get(pp, pb) {
      view();
      for (const [i, a] of argv.entries()) { dv.setUint32(pp + 4 * i, pb, true); u8.set(a, pb); pb += a.length; }
      return 0;
    },
    fd_fdstat_get(fd, p) {
      if (fd > 2) return 8;
      view();
      u8.fill(0, p, p + 24);
      dv.setUint8(p, 2);
      dv.setBigUint64(p + 8, 0x1fffffffn, true);
      return 0;
    },
    fd_close: (fd) => (fd > 2 ? 8 : 0),
    fd_seek: () => 70,
    fd_write(fd, iovs, n, pn) {
      view();
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ptr = dv.getUint32(iovs + 8 * i, true);
        const len = dv.getUint32(iovs + 8 * i + 4, true);
        out(fd, u8.subarray(ptr, ptr + len));
        total += len;
      }
      dv.setUint32(pn, total, true);
      return 0;
    },
    proc_exit(code) { throw new Exit(code); },
    clock_time_get(id, _precision, p) { view(); dv.setBigUint64(p, id === 0 ? epoch + hr() : hr(), true); return 0; },
    random_get(p, len) {
      view();
      if (pos + len > pool.length) { crypto.getRandomValues(pool); pos = 0; }
      u8.set(pool.subarray(pos, pos + len), p);
      pos += len;
      return 0;
    },
    // Relative monotonic clock subscriptions only (what program 7 makes): wait for the earliest,
    // report it.
    poll_oneoff(inp, outp, n, pn) {
      view();
      let best = 0;
      for (let i = 1; i < n; i++) if (dv.getBigUint64(inp + 48 * i + 24, true) < dv.getBigUint64(inp + 48 * best + 24, true)) best = i;
      const end = hr() + dv.getBigUint64(inp + 48 * best + 24, true);
      for (let left = end - hr(); left > 0n; left = end - hr()) Atomics.wait(sleeper, 0, 0, Number(left) / 1e6);
      u8.fill(0, outp, outp + 32);
      dv.setBigUint64(outp, dv.getBigUint64(inp + 48 * best, true), true);
      dv.setUint8(outp + 10, 0);
      dv.setUint32(pn, 1, true);
      return 0;
    },
  };
  return {
    imports,
    start(instance) {
      memory = instance.exports.memory;
      try {
        instance.exports._start();
        return 0;
      } catch (e) {
        if (e instanceof Exit) return e.code;
        throw e;
      }
    },
  };
}
