;; No .json: runs with no args and must exit 0.
(module (memory (export "memory") 1) (func (export "_start")))
