(component
  (import "wasi:io/poll@0.2.0" (instance $poll
    (export "pollable" (type (sub resource)))
    (export "[method]pollable.ready" (func (param "self" (borrow 0)) (result bool)))
  ))
  (alias export $poll "[method]pollable.ready" (func $ready))
  (core func $readyc (canon lower (func $ready)))
  (core module $m
    (import "host" "ready" (func $ready (param i32) (result i32)))
    (func (export "run") (result i32) (drop (call $ready (i32.const 42))) (i32.const 0))
  )
  (core instance $i (instantiate $m (with "host" (instance (export "ready" (func $readyc))))))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $runinst (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $runinst))
)
