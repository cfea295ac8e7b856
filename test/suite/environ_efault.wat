;; environ_sizes_get / environ_get with out-of-bounds pointers (fully outside linear memory,
;; or straddling its end) fail with EFAULT (21). Exit code identifies the failing check.
(module
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $expect (param $got i32) (param $want i32) (param $code i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $code)))))
  (func (export "_start")
    (call $expect (call $environ_sizes_get (i32.const 0xFFFFFFF0) (i32.const 0x100)) (i32.const 21) (i32.const 10))
    (call $expect (call $environ_sizes_get (i32.const 0x100) (i32.const 0xFFFFFFFC)) (i32.const 21) (i32.const 11))
    (call $expect (call $environ_sizes_get (i32.const 0x100) (i32.const 65533)) (i32.const 21) (i32.const 12))
    (call $expect (call $environ_get (i32.const 0xFFFFFFF0) (i32.const 0x1000)) (i32.const 21) (i32.const 13))
    (call $expect (call $environ_get (i32.const 0x1000) (i32.const 0xFFFFFFF0)) (i32.const 21) (i32.const 14))
    ;; "KEY=value\0" is 10 bytes: only 2 fit before the end of memory
    (call $expect (call $environ_get (i32.const 0x1000) (i32.const 65534)) (i32.const 21) (i32.const 15))
    ;; valid call: 1 variable, 10 bytes
    (call $expect (call $environ_sizes_get (i32.const 0x100) (i32.const 0x104)) (i32.const 0) (i32.const 16))
    (call $expect (i32.load (i32.const 0x100)) (i32.const 1) (i32.const 17))
    (call $expect (i32.load (i32.const 0x104)) (i32.const 10) (i32.const 18))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0) (i32.const 19))))
