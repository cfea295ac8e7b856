;; EXPECTED TO FAIL: loops forever (a timeout).
(module (memory (export "memory") 1) (func (export "_start") (loop $l (br $l))))
