;; In a suite whose manifest says "wasm32-wasip3": the runner must skip it (it would trap).
(module (memory (export "memory") 1) (func (export "_start") unreachable))
