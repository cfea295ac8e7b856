;; Path arguments whose (pointer, length) range lies outside linear memory (far outside, straddling
;; the end, or with a length that wraps) fail with EFAULT (21), as does an out-of-bounds result
;; pointer; the guest keeps running and a valid call still works. Fixture root path_root.dir.
;; Exit code identifies the failing check.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file"
    (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (data (i32.const 0x100) "hello.txt")
  (func $expect (param $got i32) (param $want i32) (param $code i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $code)))))
  (func $open (param $ptr i32) (param $len i32) (param $out i32) (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (local.get $ptr) (local.get $len) (i32.const 0)
      (i64.const 2) (i64.const 0) (i32.const 0) (local.get $out)))
  (func (export "_start")
    ;; path pointer far beyond memory
    (call $expect (call $open (i32.const 0xFFFFFFF0) (i32.const 8) (i32.const 0x80)) (i32.const 21) (i32.const 10))
    ;; path straddling the end of memory (6 of 16 bytes in bounds)
    (call $expect (call $open (i32.const 65530) (i32.const 16) (i32.const 0x80)) (i32.const 21) (i32.const 11))
    ;; length so large that ptr+len wraps around 2^32
    (call $expect (call $open (i32.const 0x100) (i32.const 0xFFFFFFFF) (i32.const 0x80)) (i32.const 21) (i32.const 12))
    ;; valid path, result fd pointer out of bounds
    (call $expect (call $open (i32.const 0x100) (i32.const 9) (i32.const 0xFFFFFFF0)) (i32.const 21) (i32.const 13))
    ;; other path syscalls with a bad path pointer
    (call $expect (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 0xFFFFFFF0) (i32.const 8) (i32.const 0x400))
      (i32.const 21) (i32.const 14))
    (call $expect (call $path_create_directory (i32.const 3) (i32.const 0xFFFFFFF0) (i32.const 8)) (i32.const 21) (i32.const 15))
    (call $expect (call $path_unlink_file (i32.const 3) (i32.const 65530) (i32.const 16)) (i32.const 21) (i32.const 16))
    ;; path_filestat_get with a valid path but an out-of-bounds result buffer (64 bytes at 65480)
    (call $expect (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 0x100) (i32.const 9) (i32.const 65480))
      (i32.const 21) (i32.const 17))
    ;; a valid call still works afterwards
    (call $expect (call $open (i32.const 0x100) (i32.const 9) (i32.const 0x80)) (i32.const 0) (i32.const 18))
    ;; print ok
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0) (i32.const 20))))
