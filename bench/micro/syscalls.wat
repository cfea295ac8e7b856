;; A guest that calls one WASI function in a loop: the syscall layer alone, without libc.
;; Built with `wat2wasm syscalls.wat -o syscalls.wasm`; driven by bench/micro/syscalls.mjs.
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (func (export "_initialize"))
  ;; n reads of clock `id` into memory[8..16); returns the sum of errnos (0 when all succeeded).
  (func (export "clocks") (param $id i32) (param $n i32) (result i32)
    (local $err i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $err (i32.add (local.get $err) (call $clock_time_get (local.get $id) (i64.const 0) (i32.const 8))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $err))
  ;; n random_get calls of `len` bytes into memory[1024..).
  (func (export "randoms") (param $len i32) (param $n i32) (result i32)
    (local $err i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $err (i32.add (local.get $err) (call $random_get (i32.const 1024) (local.get $len))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $err))
  ;; n fd_write calls on descriptor `fd` of one iovec {ptr 4096, len} (set up by the caller at 64).
  (func (export "writes") (param $fd i32) (param $len i32) (param $n i32) (result i32)
    (local $err i32)
    (i32.store (i32.const 64) (i32.const 4096))
    (i32.store (i32.const 68) (local.get $len))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $err (i32.add (local.get $err) (call $fd_write (local.get $fd) (i32.const 64) (i32.const 1) (i32.const 72))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $err))
;; n fd_read calls on descriptor `fd` into one iovec {ptr 4096, len}.
  (func (export "reads") (param $fd i32) (param $len i32) (param $n i32) (result i32)
    (local $err i32)
    (i32.store (i32.const 64) (i32.const 4096))
    (i32.store (i32.const 68) (local.get $len))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $err (i32.add (local.get $err) (call $fd_read (local.get $fd) (i32.const 64) (i32.const 1) (i32.const 72))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $err))
  ;; Open the path at memory[256..256+len) under `dirfd` (following symlinks, as libc's open) with
  ;; `oflags` and every right; returns the new descriptor, or -errno.
  (func $open (export "open") (param $dirfd i32) (param $len i32) (param $oflags i32) (result i32)
    (local $err i32)
    (local.set $err (call $path_open (local.get $dirfd) (i32.const 1) (i32.const 256) (local.get $len)
      (local.get $oflags) (i64.const 0xfffffff) (i64.const 0xfffffff) (i32.const 0) (i32.const 80)))
    (if (result i32) (i32.eqz (local.get $err))
      (then (i32.load (i32.const 80)))
      (else (i32.sub (i32.const 0) (local.get $err)))))
  ;; n times: open the path at memory[256..256+len) read-only, fstat it, close it (program 5's loop).
  (func (export "opens") (param $dirfd i32) (param $len i32) (param $n i32) (result i32)
    (local $fd i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $fd (call $open (local.get $dirfd) (local.get $len) (i32.const 0)))
      (if (i32.lt_s (local.get $fd) (i32.const 0)) (then (return (i32.sub (i32.const 0) (local.get $fd)))))
      (if (call $fd_filestat_get (local.get $fd) (i32.const 128)) (then (return (i32.const 1000))))
      (if (call $fd_close (local.get $fd)) (then (return (i32.const 1001))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (i32.const 0))
;; n times: open the directory at memory[256..256+len) under `dirfd`, list it whole with fd_readdir
  ;; into a 4 KiB buffer at 8192 (as wasi-libc's readdir: each call resumes at the last whole
  ;; entry's cookie), close it (program 5's listing loop). Returns the entries of all listings, or -errno.
  (func (export "listings") (param $dirfd i32) (param $len i32) (param $n i32) (result i32)
    (local $fd i32) (local $err i32) (local $cookie i64) (local $used i32) (local $off i32) (local $namlen i32) (local $count i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      ;; O_DIRECTORY with fd_readdir and fd_filestat_get rights (a write right would make node:wasi open it O_RDWR: ISDIR).
      (local.set $err (call $path_open (local.get $dirfd) (i32.const 1) (i32.const 256) (local.get $len)
        (i32.const 2) (i64.const 0x204000) (i64.const 0xfffffff) (i32.const 0) (i32.const 80)))
      (if (local.get $err) (then (return (i32.sub (i32.const 0) (local.get $err)))))
      (local.set $fd (i32.load (i32.const 80)))
      (local.set $cookie (i64.const 0))
      (block $listed (loop $more
        (local.set $err (call $fd_readdir (local.get $fd) (i32.const 8192) (i32.const 4096) (local.get $cookie) (i32.const 88)))
        (if (local.get $err) (then (return (i32.sub (i32.const 0) (local.get $err)))))
        (local.set $used (i32.load (i32.const 88)))
        (local.set $off (i32.const 0))
        (block $walked (loop $entry
          (br_if $walked (i32.gt_u (i32.add (local.get $off) (i32.const 24)) (local.get $used)))
          (local.set $namlen (i32.load (i32.add (i32.const 8208) (local.get $off))))
          (br_if $walked (i32.gt_u (i32.add (i32.add (local.get $off) (i32.const 24)) (local.get $namlen)) (local.get $used)))
          (local.set $cookie (i64.load (i32.add (i32.const 8192) (local.get $off))))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (local.set $off (i32.add (i32.add (local.get $off) (i32.const 24)) (local.get $namlen)))
          (br $entry)))
        (br_if $listed (i32.lt_u (local.get $used) (i32.const 4096)))
        (br $more)))
      (if (call $fd_close (local.get $fd)) (then (return (i32.const -1001))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $count))
;; n poll_oneoff calls on one relative monotonic clock subscription of `timeout` ns (program 7's
  ;; loop: 0 for its polls, 1 ms for its sleeps). Subscription at 512, event at 576, nevents at 608.
  ;; Returns the sum of errnos, plus 1000 for every call that did not report exactly its clock event.
  (func (export "polls") (param $timeout i64) (param $n i32) (result i32)
    (local $err i32)
    (memory.fill (i32.const 512) (i32.const 0) (i32.const 48))
    (i32.store8 (i32.const 520) (i32.const 0))   ;; tag: clock
    (i32.store (i32.const 528) (i32.const 1))    ;; clock id: monotonic
    (i64.store (i32.const 536) (local.get $timeout))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (i64.store (i32.const 512) (i64.extend_i32_u (local.get $n))) ;; userdata
      (i32.store (i32.const 608) (i32.const 0))
      (local.set $err (i32.add (local.get $err) (call $poll_oneoff (i32.const 512) (i32.const 576) (i32.const 1) (i32.const 608))))
      (if (i32.or (i32.ne (i32.load (i32.const 608)) (i32.const 1))
            (i32.or (i64.ne (i64.load (i32.const 576)) (i64.extend_i32_u (local.get $n)))
              (i32.or (i32.load16_u (i32.const 584)) (i32.load8_u (i32.const 586)))))
        (then (local.set $err (i32.add (local.get $err) (i32.const 1000)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $err))
)
