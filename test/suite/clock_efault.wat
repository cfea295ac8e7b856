;; clock_time_get / clock_res_get with an out-of-bounds result pointer (fully outside linear
;; memory, or straddling its end) fail with EFAULT (21). Exit code identifies the failing check.
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_res_get" (func $clock_res_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $expect (param $got i32) (param $want i32) (param $code i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $code)))))
  (func (export "_start")
    (call $expect (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 0xFFFFFFF0)) (i32.const 21) (i32.const 10))
    (call $expect (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 0xFFFFFFF8)) (i32.const 21) (i32.const 11))
    ;; 8-byte timestamp at 65532: only 4 bytes in bounds
    (call $expect (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 65532)) (i32.const 21) (i32.const 12))
    (call $expect (call $clock_res_get (i32.const 0) (i32.const 0xFFFFFFF0)) (i32.const 21) (i32.const 13))
    (call $expect (call $clock_res_get (i32.const 1) (i32.const 65532)) (i32.const 21) (i32.const 14))
    ;; a valid call still works
    (call $expect (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 0x100)) (i32.const 0) (i32.const 15))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0) (i32.const 16))))
