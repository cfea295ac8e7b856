;; Paths are passed as (pointer, length), not NUL-terminated strings. A path whose bytes contain
;; a NUL (embedded or trailing, counted in the length) is rejected with EINVAL (28) or EILSEQ (25);
;; bytes after the given length are ignored. Fixture root path_root.dir has hello.txt.
;; Exit code identifies the failing check.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (data (i32.const 0x100) "hello.txt\00x")      ;; embedded NUL: length 11
  (data (i32.const 0x200) "hello.txtGARBAGE")  ;; only the first 9 bytes are the path
  (data (i32.const 0x300) "newdir\00")         ;; trailing NUL counted in the length: 7
  (func $expect (param $got i32) (param $want i32) (param $code i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $code)))))
  (func $expect_inval_or_ilseq (param $got i32) (param $code i32)
    (if (i32.and (i32.ne (local.get $got) (i32.const 28)) (i32.ne (local.get $got) (i32.const 25)))
      (then (call $proc_exit (local.get $code)))))
  (func (export "_start")
    ;; "hello.txt\0x" -> EINVAL/EILSEQ
    (call $expect_inval_or_ilseq
      (call $path_open (i32.const 3) (i32.const 0) (i32.const 0x100) (i32.const 11) (i32.const 0)
        (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x80)) (i32.const 10))
    ;; "hello.txt\0" (trailing NUL) -> EINVAL/EILSEQ
    (call $expect_inval_or_ilseq
      (call $path_open (i32.const 3) (i32.const 0) (i32.const 0x100) (i32.const 10) (i32.const 0)
        (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x80)) (i32.const 11))
    ;; path_filestat_get of "hello.txt\0x" -> EINVAL/EILSEQ
    (call $expect_inval_or_ilseq
      (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 0x100) (i32.const 11) (i32.const 0x400))
      (i32.const 12))
    ;; path_create_directory "newdir\0" -> EINVAL/EILSEQ, and nothing named "newdir" appears
    (call $expect_inval_or_ilseq
      (call $path_create_directory (i32.const 3) (i32.const 0x300) (i32.const 7)) (i32.const 13))
    (call $expect
      (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 0x300) (i32.const 6) (i32.const 0x400))
      (i32.const 44) (i32.const 14))
    ;; "hello.txtGARBAGE" with length 9 opens hello.txt
    (call $expect
      (call $path_open (i32.const 3) (i32.const 0) (i32.const 0x200) (i32.const 9) (i32.const 0)
        (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x80)) (i32.const 0) (i32.const 15))
    ;; print ok
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0) (i32.const 20))))
