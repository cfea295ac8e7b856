;; random_get with a buffer that lies outside linear memory, or runs past its end, fails
;; with EFAULT (21). Exit code identifies the failing check.
(module
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $expect (param $got i32) (param $want i32) (param $code i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $code)))))
  (func (export "_start")
    (call $expect (call $random_get (i32.const 0xFFFFFFF0) (i32.const 16)) (i32.const 21) (i32.const 10))
    ;; 32 bytes at 65520: 16 in bounds, 16 out
    (call $expect (call $random_get (i32.const 65520) (i32.const 32)) (i32.const 21) (i32.const 11))
    ;; one byte more than the whole memory
    (call $expect (call $random_get (i32.const 0) (i32.const 65537)) (i32.const 21) (i32.const 12))
    ;; exactly up to the end of memory is fine
    (call $expect (call $random_get (i32.const 65520) (i32.const 16)) (i32.const 0) (i32.const 13))
    ;; rewrite "ok\n" in case a failed call scribbled over low memory
    (i32.store (i32.const 16) (i32.const 0x000a6b6f))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0) (i32.const 14))))
