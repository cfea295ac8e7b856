;; fd_readdir with a result buffer or bufused pointer outside linear memory fails with EFAULT (21);
;; the guest keeps running and a valid call still works. Fixture root path_root.dir (fd 3).
;; Exit code identifies the failing check.
(module
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $expect (param $got i32) (param $want i32) (param $code i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $code)))))
  (func (export "_start")
    ;; buffer far beyond memory
    (call $expect (call $fd_readdir (i32.const 3) (i32.const 0xFFFFFF00) (i32.const 256) (i64.const 0) (i32.const 0x80))
      (i32.const 21) (i32.const 10))
    ;; buffer straddling the end of memory (16 of 256 bytes in bounds)
    (call $expect (call $fd_readdir (i32.const 3) (i32.const 65520) (i32.const 256) (i64.const 0) (i32.const 0x80))
      (i32.const 21) (i32.const 11))
    ;; bufused pointer out of bounds
    (call $expect (call $fd_readdir (i32.const 3) (i32.const 0x1000) (i32.const 256) (i64.const 0) (i32.const 0xFFFFFFFE))
      (i32.const 21) (i32.const 12))
    ;; a valid call works and returns some bytes (at least "." and "..": 2 * 24 + 3)
    (call $expect (call $fd_readdir (i32.const 3) (i32.const 0x1000) (i32.const 1024) (i64.const 0) (i32.const 0x80))
      (i32.const 0) (i32.const 13))
    (if (i32.lt_u (i32.load (i32.const 0x80)) (i32.const 51)) (then (call $proc_exit (i32.const 14))))
    ;; print ok
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0) (i32.const 20))))
