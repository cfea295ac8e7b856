;; args_sizes_get / args_get with out-of-bounds pointers (fully outside linear memory, or
;; straddling its end) fail with EFAULT (21) instead of writing; a valid call still works after.
;; Exit code identifies the failing check.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $expect (param $got i32) (param $want i32) (param $code i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $code)))))
  (func (export "_start")
    ;; count pointer far out of bounds
    (call $expect (call $args_sizes_get (i32.const 0xFFFFFFF0) (i32.const 0x100)) (i32.const 21) (i32.const 10))
    ;; size pointer far out of bounds
    (call $expect (call $args_sizes_get (i32.const 0x100) (i32.const 0xFFFFFFF0)) (i32.const 21) (i32.const 11))
    ;; count pointer straddling the end of memory (2 of 4 bytes in bounds)
    (call $expect (call $args_sizes_get (i32.const 65534) (i32.const 0x100)) (i32.const 21) (i32.const 12))
    ;; argv array out of bounds
    (call $expect (call $args_get (i32.const 0xFFFFFFF0) (i32.const 0x1000)) (i32.const 21) (i32.const 13))
    ;; argv_buf out of bounds
    (call $expect (call $args_get (i32.const 0x1000) (i32.const 0xFFFFFFF0)) (i32.const 21) (i32.const 14))
    ;; argv_buf straddling the end of memory
    (call $expect (call $args_get (i32.const 0x1000) (i32.const 65535)) (i32.const 21) (i32.const 15))
    ;; valid call succeeds: 2 args
    (call $expect (call $args_sizes_get (i32.const 0x100) (i32.const 0x104)) (i32.const 0) (i32.const 16))
    (call $expect (i32.load (i32.const 0x100)) (i32.const 2) (i32.const 17))
    ;; print ok
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0) (i32.const 18))))
