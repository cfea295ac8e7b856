(component
  (import "acme:db/query@1.0.0" (instance $q (export "ping" (func))))
  (alias export $q "ping" (func $ping))
  (core func $pingc (canon lower (func $ping)))
  (core module $m
    (import "host" "ping" (func $ping))
    (func (export "run") (result i32) (call $ping) (i32.const 0))
  )
  (core instance $i (instantiate $m (with "host" (instance (export "ping" (func $pingc))))))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $runinst (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $runinst))
)
