;; EXPECTED TO FAIL: reads stdin, which never delivers data nor end-of-file (a timeout).
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $r (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 16))
    (drop (call $r (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))))
