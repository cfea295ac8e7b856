;; fd_prestat_get / fd_prestat_dir_name with an out-of-bounds result buffer fail with EFAULT (21);
;; the guest keeps running and valid calls still work. Fixture root path_root.dir (fd 3 = "/").
;; Exit code identifies the failing check.
(module
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $expect (param $got i32) (param $want i32) (param $code i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $code)))))
  (func (export "_start")
    ;; dir_name buffer far beyond memory
    (call $expect (call $fd_prestat_dir_name (i32.const 3) (i32.const 0xFFFFFFF0) (i32.const 1)) (i32.const 21) (i32.const 10))
    ;; dir_name buffer starting exactly at the end of memory
    (call $expect (call $fd_prestat_dir_name (i32.const 3) (i32.const 65536) (i32.const 1)) (i32.const 21) (i32.const 11))
    ;; prestat result (8 bytes) far beyond memory / straddling the end
    (call $expect (call $fd_prestat_get (i32.const 3) (i32.const 0xFFFFFFF0)) (i32.const 21) (i32.const 12))
    (call $expect (call $fd_prestat_get (i32.const 3) (i32.const 65532)) (i32.const 21) (i32.const 13))
    ;; valid calls afterwards
    (call $expect (call $fd_prestat_get (i32.const 3) (i32.const 0x100)) (i32.const 0) (i32.const 14))
    (call $expect (i32.load8_u (i32.const 0x100)) (i32.const 0) (i32.const 15))
    (call $expect (i32.load (i32.const 0x104)) (i32.const 1) (i32.const 16))
    (call $expect (call $fd_prestat_dir_name (i32.const 3) (i32.const 0x200) (i32.const 1)) (i32.const 0) (i32.const 17))
    (call $expect (i32.load8_u (i32.const 0x200)) (i32.const 47) (i32.const 18))
    ;; print ok
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0) (i32.const 20))))
