;; EXPECTED TO FAIL: traps (a crash).
(module (memory (export "memory") 1) (func (export "_start") unreachable))
