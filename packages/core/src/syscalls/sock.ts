import type { Context } from "../context.js";
import { WasiError } from "../errors.js";

// Parenthesized: V8 compiles it as the module loads, not twice (bench/analysis.md, "Row 1, eager compilation").
/**
 * `sock_*`. Preview1 cannot create sockets, and no host of ours hands a listening socket to a
 * guest, so every descriptor is a non-socket: a closed descriptor is `BADF`, an open one is
 * `NOTSOCK` — what Linux answers for the same calls on a file.
 */
export const sockCalls = (function sockCalls(ctx: Context) {
  const { fds } = ctx;
  function notSocket(fd: number): never {
    fds.get(fd, 0);
    throw new WasiError("NOTSOCK");
  }
  return {
    sock_accept(fd: number, _flags: number, _fdPtr: number): void { notSocket(fd); },
    sock_recv(fd: number, _riData: number, _riDataLen: number, _riFlags: number, _roDatalen: number, _roFlags: number): void { notSocket(fd); },
    sock_send(fd: number, _siData: number, _siDataLen: number, _siFlags: number, _soDatalen: number): void { notSocket(fd); },
    sock_shutdown(fd: number, _how: number): void { notSocket(fd); },
  };
});
